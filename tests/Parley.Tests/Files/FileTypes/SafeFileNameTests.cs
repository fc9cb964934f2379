using Parley.Files.FileTypes;

namespace Parley.Tests.Files.FileTypes;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\x\\y.txt", "y.txt")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("/var/www/../uploads/photo.png", "photo.png")]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("Résumé – final.docx", "Résumé – final.docx")]
    public void Only_the_last_path_segment_is_kept(string clientName, string expected)
    {
        Assert.Equal(expected, SafeFileName.Create(clientName));
    }

    [Theory]
    [InlineData("re\"port'.pdf", "report.pdf")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData("tab\there.txt", "tabhere.txt")]
    [InlineData("nul\0byte.txt", "nulbyte.txt")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe")]
    [InlineData("zero\u200Bwidth.txt", "zerowidth.txt")]
    [InlineData("x<y>z:w|q?*.txt", "xyzwq.txt")]
    [InlineData("a;b`c.txt", "abc.txt")]
    [InlineData("a    b.txt", "a b.txt")]
    public void Control_invisible_and_quoting_characters_are_removed(string clientName, string expected)
    {
        Assert.Equal(expected, SafeFileName.Create(clientName));
    }

    [Theory]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("name. . .", "name")]
    [InlineData("  spaced.txt  ", "spaced.txt")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("lpt1", "_lpt1")]
    public void Leading_and_trailing_dots_and_spaces_and_windows_device_names_are_defused(string clientName, string expected)
    {
        Assert.Equal(expected, SafeFileName.Create(clientName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("..")]
    [InlineData("/")]
    [InlineData("uploads/")]
    [InlineData("\"\"''")]
    [InlineData("\u202E\u200B")]
    public void The_name_is_never_empty(string? clientName)
    {
        Assert.Equal(SafeFileName.DefaultName, SafeFileName.Create(clientName));
    }

    [Fact]
    public void A_long_name_is_capped_and_keeps_its_extension()
    {
        var name = SafeFileName.Create(new string('a', 300) + ".pdf");

        Assert.Equal(SafeFileName.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public void Capping_never_splits_a_character()
    {
        var name = SafeFileName.Create(string.Concat(Enumerable.Repeat("😀", 150)) + ".png");

        Assert.True(name.Length <= SafeFileName.MaxLength);
        Assert.EndsWith(".png", name);
        // A lone surrogate would enumerate as the replacement character.
        Assert.DoesNotContain(System.Text.Rune.ReplacementChar, name.EnumerateRunes());
        Assert.All(name[..^4].EnumerateRunes(), rune => Assert.Equal(new System.Text.Rune(0x1F600), rune));
    }
}
