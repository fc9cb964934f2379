using System.Text;
using Parley.Files.FileTypes;
using Parley.Protocol;

namespace Parley.Tests.Files.FileTypes;

public sealed class FileTypeDetectorTests
{
    // A complete 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01];
    private static readonly byte[] Gif = [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00];
    private static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8, 0x18, 0x00, 0x00, 0x00];
    private static readonly byte[] Wav = [.. "RIFF"u8, 0x24, 0x08, 0x00, 0x00, .. "WAVEfmt "u8, 0x10, 0x00, 0x00, 0x00];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    private static readonly byte[] Ogg = [.. "OggS"u8, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, .. "OpusHead"u8];
    private static readonly byte[] Id3Mp3 = [.. "ID3"u8, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21];
    private static readonly byte[] FrameMp3 = [0xFF, 0xFB, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00];
    private static readonly byte[] Zip = [.. "PK"u8, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, .. "[Content_Types].xml"u8];
    private static readonly byte[] Elf = [0x7F, .. "ELF"u8, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
    private static readonly byte[] WindowsExe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    [Theory]
    [MemberData(nameof(AllowedMedia))]
    public void Allowed_media_is_typed_from_its_content(string sample, string fileName, string mime, string elementType, bool inlineSafe)
    {
        var bytes = Samples[sample];

        var result = Detect(bytes, fileName);

        var detected = Assert.IsType<DetectedFileType>(result);
        Assert.Equal(mime, detected.Mime);
        Assert.Equal(elementType, detected.ElementType);
        Assert.Equal(inlineSafe, detected.InlineSafe);
        Assert.False(detected.Downgraded);
    }

    public static TheoryData<string, string, string, string, bool> AllowedMedia => new()
    {
        { "png", "photo.png", "image/png", ElementTypes.Image, true },
        { "jpeg", "photo.jpg", "image/jpeg", ElementTypes.Image, true },
        { "gif", "anim.gif", "image/gif", ElementTypes.Image, true },
        { "webp", "photo.webp", "image/webp", ElementTypes.Image, true },
        { "pdf", "paper.pdf", "application/pdf", ElementTypes.Pdf, false },
        { "wav", "voice.wav", "audio/wav", ElementTypes.Audio, true },
        { "ogg", "voice.ogg", "audio/ogg", ElementTypes.Audio, true },
        { "id3", "song.mp3", "audio/mpeg", ElementTypes.Audio, true },
        { "frame", "song.mp3", "audio/mpeg", ElementTypes.Audio, true },
        { "mp4", "clip.mp4", "video/mp4", ElementTypes.Video, true },
        { "m4a", "memo.m4a", "audio/mp4", ElementTypes.Audio, true },
        { "webm-audio", "recording.webm", "audio/webm", ElementTypes.Audio, true },
        { "webm-video", "clip.webm", "video/webm", ElementTypes.Video, true },
        { "zip", "archive.zip", "application/zip", ElementTypes.File, false },
        { "zip", "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ElementTypes.File, false },
        { "zip", "sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ElementTypes.File, false },
        { "zip", "tool.jar", "application/zip", ElementTypes.File, false },
    };

    [Fact]
    public void A_real_png_named_html_is_typed_as_a_png()
    {
        var detected = Assert.IsType<DetectedFileType>(Detect(Png, "x.html"));

        Assert.Equal("image/png", detected.Mime);
        Assert.True(detected.InlineSafe);
        Assert.Equal(".png", detected.Extension);
    }

    [Fact]
    public void Html_named_png_is_not_typed_as_an_image_and_never_shown_inline()
    {
        var result = Detect(Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>"), "evil.png");

        var detected = Assert.IsType<DetectedFileType>(result);
        Assert.NotEqual("image/png", detected.Mime);
        Assert.Equal(FileTypeDetector.OctetStream, detected.Mime);
        Assert.Equal(ElementTypes.File, detected.ElementType);
        Assert.False(detected.InlineSafe);
        Assert.True(detected.Downgraded);
    }

    [Theory]
    [InlineData("<!doctype html><title>x</title>")]
    [InlineData("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">")]
    [InlineData("<html>")]
    [InlineData("  \r\n\t<HTML lang=en>")]
    [InlineData("\uFEFF<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("\uFEFF \n<?xml version=\"1.0\"?><x/>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT src=//evil.example>")]
    [InlineData("<!-- a comment --><body onload=alert(1)>")]
    [InlineData("<iframe src=//evil.example>")]
    [InlineData("<div align=\"center\"># Title</div>")]
    [InlineData("<a href=//evil.example>x</a>")]
    [InlineData("<b>bold</b>")]
    public void Text_that_starts_like_markup_is_downgraded_to_an_opaque_attachment(string content)
    {
        foreach (var name in new[] { "notes.txt", "readme.md", "data.json", "photo.png", null })
        {
            var detected = Assert.IsType<DetectedFileType>(Detect(Encoding.UTF8.GetBytes(content), name));

            Assert.Equal(FileTypeDetector.OctetStream, detected.Mime);
            Assert.False(detected.InlineSafe);
            Assert.True(detected.Downgraded);
        }
    }

    [Theory]
    [InlineData("page.html")]
    [InlineData("page.HTM")]
    [InlineData("image.svg")]
    [InlineData("feed.xml")]
    [InlineData("app.js")]
    [InlineData("module.mjs")]
    public void Text_with_an_active_extension_is_downgraded_even_when_it_does_not_start_with_a_tag(string fileName)
    {
        var detected = Assert.IsType<DetectedFileType>(Detect("alert(1); // hello <b>world</b>"u8.ToArray(), fileName));

        Assert.Equal(FileTypeDetector.OctetStream, detected.Mime);
        Assert.False(detected.InlineSafe);
    }

    [Theory]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("server.log", "text/plain")]
    [InlineData("README.md", "text/markdown")]
    [InlineData("guide.markdown", "text/markdown")]
    [InlineData("table.csv", "text/csv")]
    [InlineData("data.json", "application/json")]
    [InlineData("script.py", "text/plain")]
    [InlineData(null, "text/plain")]
    public void Utf8_text_is_typed_by_its_extension_within_the_text_family(string? fileName, string mime)
    {
        var detected = Assert.IsType<DetectedFileType>(Detect("a < b, \"quoted\", émoji 😀\n\tline two\r\n"u8.ToArray(), fileName));

        Assert.Equal(mime, detected.Mime);
        Assert.Equal(ElementTypes.Text, detected.ElementType);
        Assert.True(detected.InlineSafe);
    }

    [Fact]
    public void Text_with_a_utf8_bom_and_terminal_escapes_is_text()
    {
        var detected = Assert.IsType<DetectedFileType>(Detect([0xEF, 0xBB, 0xBF, .. "\u001b[31mred\u001b[0m\n"u8], "build.log"));

        Assert.Equal("text/plain", detected.Mime);
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Content_outside_the_allowlist_is_rejected(string sample, string fileName)
    {
        var rejected = Assert.IsType<RejectedFileType>(Detect(Samples[sample], fileName));

        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "elf", "program" },
        { "exe", "setup.txt" },
        { "nul", "notes.txt" },
        { "control", "notes.txt" },
        { "utf16", "notes.txt" },
        { "overlong", "notes.txt" },
        { "matroska", "movie.mkv" },
        { "quicktime", "movie.mov" },
        { "heic", "photo.heic" },
        { "riff-avi", "movie.avi" },
    };

    [Fact]
    public void An_empty_upload_is_rejected()
    {
        Assert.IsType<RejectedFileType>(FileTypeDetector.Detect([], "empty.txt", 0));
    }

    [Fact]
    public void A_character_cut_by_the_end_of_a_partial_head_still_reads_as_text()
    {
        var head = new byte[FileTypeDetector.SniffLength];
        Array.Fill(head, (byte)'a');
        head[^1] = 0xC3; // the first byte of "é"

        Assert.IsType<DetectedFileType>(FileTypeDetector.Detect(head, "long.txt", totalLength: 10_000));
        Assert.IsType<RejectedFileType>(FileTypeDetector.Detect(head, "long.txt", totalLength: head.Length));
    }

    [Fact]
    public void Webm_without_track_codecs_in_the_head_is_audio_only_when_named_weba()
    {
        Assert.Equal("audio/webm", Assert.IsType<DetectedFileType>(Detect(WebM(codec: null), "voice.weba")).Mime);
        Assert.Equal("video/webm", Assert.IsType<DetectedFileType>(Detect(WebM(codec: null), "clip.webm")).Mime);
    }

    [Fact]
    public void Webm_with_a_video_track_is_video_even_when_named_weba()
    {
        Assert.Equal("video/webm", Assert.IsType<DetectedFileType>(Detect(WebM("V_VP9"), "voice.weba")).Mime);
    }

    private static FileTypeResult Detect(byte[] bytes, string? fileName) =>
        FileTypeDetector.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FileTypeDetector.SniffLength)), fileName, bytes.Length);

    private static readonly Dictionary<string, byte[]> Samples = new()
    {
        ["png"] = Png,
        ["jpeg"] = Jpeg,
        ["gif"] = Gif,
        ["webp"] = WebP,
        ["pdf"] = Pdf,
        ["wav"] = Wav,
        ["ogg"] = Ogg,
        ["id3"] = Id3Mp3,
        ["frame"] = FrameMp3,
        ["mp4"] = Ftyp("isom"),
        ["m4a"] = Ftyp("M4A "),
        ["quicktime"] = Ftyp("qt  "),
        ["heic"] = Ftyp("heic"),
        ["webm-audio"] = WebM("A_OPUS"),
        ["webm-video"] = WebM("V_VP8"),
        ["matroska"] = Matroska(),
        ["zip"] = Zip,
        ["elf"] = Elf,
        ["exe"] = WindowsExe,
        ["nul"] = "text\0with a NUL"u8.ToArray(),
        ["control"] = "text with a \u0001 control"u8.ToArray(),
        ["utf16"] = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("hello")],
        ["overlong"] = [(byte)'a', 0xC0, 0x80, (byte)'b'],
        ["riff-avi"] = [.. "RIFF"u8, 0x24, 0x00, 0x00, 0x00, .. "AVI LIST"u8],
    };

    private static byte[] Ftyp(string brand) =>
        [0x00, 0x00, 0x00, 0x18, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0x00, 0x00, 0x02, 0x00, .. "isommp41"u8];

    /// <summary>An EBML header with the webm doctype, then a track entry with <paramref name="codec"/> as its CodecID.</summary>
    private static byte[] WebM(string? codec)
    {
        byte[] header = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87, 0x81, 0x04];
        if (codec is null)
        {
            return [.. header, 0x18, 0x53, 0x80, 0x67, 0x01, 0x00, 0x00, 0x00];
        }
        var id = Encoding.ASCII.GetBytes(codec);
        return [.. header, 0x16, 0x54, 0xAE, 0x6B, 0x90, 0xAE, 0x8E, 0xD7, 0x81, 0x01, 0x86, (byte)(0x80 | id.Length), .. id];
    }

    private static byte[] Matroska() =>
        [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x82, 0x88, .. "matroska"u8, 0x42, 0x87, 0x81, 0x04];
}
