using System.Numerics;
using System.Text;
using Parley.Protocol;

namespace Parley.Files.FileTypes;

/// <summary>
/// Decides an upload's MIME type from its first bytes, against an allowlist, and whether it is
/// safe to show inline. The client's file name never makes content what it is not: it only picks
/// between types the content already fits (which text type, which zip-based document).
/// </summary>
/// <remarks>
/// <para>Allowed: PNG, JPEG, GIF and WebP images; MP3, WAV, Ogg, WebM and M4A audio; MP4 and WebM
/// video (all inline-safe); PDF (attachment or sandboxed viewer only); UTF-8 text without NUL
/// bytes, typed text/plain, text/markdown, text/csv or application/json by its extension
/// (inline-safe as text, never as HTML); ZIP and the Office formats built on it (attachment only).
/// Anything else is rejected.</para>
/// <para>Active content — text that starts like HTML, SVG or XML (after a BOM and whitespace, the
/// way browsers sniff it), or text named <c>.html</c>, <c>.svg</c>, <c>.xml</c>, <c>.js</c> and the
/// like — is not rejected, since users may upload a page for the model to read, but downgraded to
/// an opaque <c>application/octet-stream</c> attachment that no browser renders.</para>
/// </remarks>
internal static class FileTypeDetector
{
    /// <summary>How many leading bytes to pass: the first <c>min(SniffLength, length)</c> bytes of the upload.</summary>
    public const int SniffLength = 4096;

    public const string OctetStream = "application/octet-stream";

    private static readonly HashSet<string> ActiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".svg", ".svgz",
        ".xml", ".xsl", ".xslt", ".js", ".mjs", ".cjs", ".hta",
    };

    // The tags by which browsers sniff a resource as HTML (WHATWG MIME Sniffing, "identifying a
    // resource with an unknown MIME type"), plus SVG, XML and doctypes of any kind.
    private static readonly string[] MarkupTags =
    [
        "!DOCTYPE", "HTML", "HEAD", "SCRIPT", "IFRAME", "H1", "DIV", "FONT", "TABLE", "A", "STYLE",
        "TITLE", "B", "BODY", "BR", "P", "SVG", "XML", "OBJECT", "EMBED", "META", "LINK", "BASE", "FORM",
    ];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> EbmlSignature => [0x1A, 0x45, 0xDF, 0xA3];
    private static ReadOnlySpan<byte> EbmlDocTypeId => [0x42, 0x82];
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> EmptyZipSignature => [0x50, 0x4B, 0x05, 0x06];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Detects the type of an upload.</summary>
    /// <param name="head">The first <c>min(<see cref="SniffLength"/>, totalLength)</c> bytes.</param>
    /// <param name="clientFileName">The name the client sent (only its extension is read), or null.</param>
    /// <param name="totalLength">The upload's full length in bytes; tells whether <paramref name="head"/> is the whole file.</param>
    public static FileTypeResult Detect(ReadOnlySpan<byte> head, string? clientFileName, long totalLength)
    {
        if (totalLength <= 0 || head.IsEmpty)
        {
            return new RejectedFileType("The file is empty.");
        }

        var extension = Path.GetExtension(SafeFileName.Create(clientFileName)).ToLowerInvariant();
        return DetectBinary(head, extension)
            ?? DetectText(head, extension, isWholeFile: head.Length >= totalLength);
    }

    private static DetectedFileType? DetectBinary(ReadOnlySpan<byte> head, string extension)
    {
        if (head.StartsWith(PngSignature))
        {
            return Media("image/png", ElementTypes.Image, ".png");
        }
        if (head.StartsWith(JpegSignature))
        {
            return Media("image/jpeg", ElementTypes.Image, ".jpg");
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Media("image/gif", ElementTypes.Image, ".gif");
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var format = head[8..12];
            if (format.SequenceEqual("WEBP"u8))
            {
                return Media("image/webp", ElementTypes.Image, ".webp");
            }
            if (format.SequenceEqual("WAVE"u8))
            {
                return Media("audio/wav", ElementTypes.Audio, ".wav");
            }
            return null;
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return new DetectedFileType("application/pdf", ElementTypes.Pdf, InlineSafe: false, ".pdf");
        }
        if (head.StartsWith("OggS"u8))
        {
            return Media("audio/ogg", ElementTypes.Audio, ".ogg");
        }
        if (head.StartsWith("ID3"u8) || IsMp3Frame(head))
        {
            return Media("audio/mpeg", ElementTypes.Audio, ".mp3");
        }
        if (head.StartsWith(EbmlSignature))
        {
            return DetectWebM(head, extension);
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return DetectIsoMedia(head[8..12]);
        }
        if (head.StartsWith(ZipSignature) || head.StartsWith(EmptyZipSignature))
        {
            return ZipBased(extension);
        }
        return null;
    }

    private static DetectedFileType Media(string mime, string elementType, string extension) =>
        new(mime, elementType, InlineSafe: true, extension);

    /// <summary>An MPEG-1/2 Layer III frame header: sync bits, a defined version, layer III, a real bitrate and sample rate.</summary>
    private static bool IsMp3Frame(ReadOnlySpan<byte> head) =>
        head.Length >= 3
        && head[0] == 0xFF
        && (head[1] & 0xE0) == 0xE0
        && ((head[1] >> 3) & 0x3) != 0x1
        && ((head[1] >> 1) & 0x3) == 0x1
        && (head[2] >> 4) is not (0x0 or 0xF)
        && ((head[2] >> 2) & 0x3) != 0x3;

    /// <summary>
    /// WebM is Matroska with the <c>webm</c> doctype. Audio or video is read from the track codec
    /// ids (<c>V_VP9</c>, <c>A_OPUS</c>) that recorders write near the start; when none is in the
    /// first bytes, a <c>.weba</c> name means audio.
    /// </summary>
    private static DetectedFileType? DetectWebM(ReadOnlySpan<byte> head, string extension)
    {
        var docType = head.IndexOf(EbmlDocTypeId);
        if (docType < 0 || docType + 3 > head.Length || !TryReadEbmlSize(head[(docType + 2)..], out var sizeLength, out var size)
            || size != 4 || docType + 2 + sizeLength + 4 > head.Length
            || !head.Slice(docType + 2 + sizeLength, 4).SequenceEqual("webm"u8))
        {
            return null;
        }

        var hasVideo = false;
        var hasAudio = false;
        for (var i = head.IndexOf((byte)0x86); i >= 0 && i + 3 < head.Length; i = NextIndex(head, i))
        {
            if (TryReadEbmlSize(head[(i + 1)..], out var length, out _) && i + 1 + length + 2 <= head.Length)
            {
                var codec = head.Slice(i + 1 + length, 2);
                hasVideo |= codec.SequenceEqual("V_"u8);
                hasAudio |= codec.SequenceEqual("A_"u8);
            }
        }

        var isAudio = hasVideo ? false : hasAudio || extension == ".weba";
        return isAudio ? Media("audio/webm", ElementTypes.Audio, ".weba") : Media("video/webm", ElementTypes.Video, ".webm");

        static int NextIndex(ReadOnlySpan<byte> head, int i)
        {
            var next = head[(i + 1)..].IndexOf((byte)0x86);
            return next < 0 ? -1 : i + 1 + next;
        }
    }

    /// <summary>Reads an EBML variable-length size: the count of leading zero bits gives its length.</summary>
    private static bool TryReadEbmlSize(ReadOnlySpan<byte> data, out int length, out long value)
    {
        length = 0;
        value = 0;
        if (data.IsEmpty || data[0] == 0)
        {
            return false;
        }
        length = BitOperations.LeadingZeroCount(data[0]) - 24 + 1;
        if (length > data.Length || length > 8)
        {
            return false;
        }
        value = data[0] & (0xFF >> length);
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | data[i];
        }
        return true;
    }

    /// <summary>ISO base media (MP4): the major brand tells MP4 video from M4A audio; QuickTime, HEIF, AVIF and 3GP are not allowed.</summary>
    private static DetectedFileType? DetectIsoMedia(ReadOnlySpan<byte> majorBrand)
    {
        var brand = Encoding.ASCII.GetString(majorBrand);
        return brand switch
        {
            "M4A " or "M4B " => Media("audio/mp4", ElementTypes.Audio, ".m4a"),
            "isom" or "iso2" or "iso3" or "iso4" or "iso5" or "iso6" or "mp41" or "mp42" or "avc1" or "dash" or "M4V " or "mmp4" or "MSNV"
                => Media("video/mp4", ElementTypes.Video, ".mp4"),
            _ => null,
        };
    }

    private static DetectedFileType ZipBased(string extension)
    {
        var (mime, canonical) = extension switch
        {
            ".docx" => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
            ".xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
            ".pptx" => ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
            _ => ("application/zip", ".zip"),
        };
        return new DetectedFileType(mime, ElementTypes.File, InlineSafe: false, canonical);
    }

    private static FileTypeResult DetectText(ReadOnlySpan<byte> head, string extension, bool isWholeFile)
    {
        var text = head.StartsWith(Utf8Bom) ? head[3..] : head;
        if (!IsUtf8Text(text, isWholeFile))
        {
            return new RejectedFileType("This type of file is not supported.");
        }

        if (ActiveExtensions.Contains(extension) || StartsWithMarkup(text))
        {
            return new DetectedFileType(OctetStream, ElementTypes.File, InlineSafe: false, Extension: null, Downgraded: true);
        }

        var (mime, canonical) = extension switch
        {
            ".md" or ".markdown" => ("text/markdown", ".md"),
            ".csv" => ("text/csv", ".csv"),
            ".json" => ("application/json", ".json"),
            _ => ("text/plain", ".txt"),
        };
        return new DetectedFileType(mime, ElementTypes.Text, InlineSafe: true, canonical);
    }

    /// <summary>
    /// Valid UTF-8 with no NUL and no C0 control other than tab, line feed, vertical tab, form feed,
    /// carriage return and escape (terminal logs). A character cut by the end of a partial head is allowed.
    /// </summary>
    private static bool IsUtf8Text(ReadOnlySpan<byte> text, bool isWholeFile)
    {
        while (!text.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                return !isWholeFile;
            }
            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }
            if (rune.Value < 0x20 && rune.Value is not ('\t' or '\n' or '\v' or '\f' or '\r' or 0x1B))
            {
                return false;
            }
            text = text[consumed..];
        }
        return true;
    }

    /// <summary>Whether the text, after whitespace, opens with a tag browsers would sniff as HTML, or with SVG, XML or a comment.</summary>
    private static bool StartsWithMarkup(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f')
        {
            start++;
        }
        text = text[start..];
        if (text.IsEmpty || text[0] != '<')
        {
            return false;
        }
        if (text.StartsWith("<!--"u8) || text.StartsWith("<?"u8))
        {
            return true;
        }

        var afterBracket = text[1..];
        foreach (var tag in MarkupTags)
        {
            if (afterBracket.Length > tag.Length
                && Ascii.EqualsIgnoreCase(afterBracket[..tag.Length], Encoding.ASCII.GetBytes(tag))
                && afterBracket[tag.Length] is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f')
            {
                return true;
            }
        }
        return false;
    }
}
