using System.Globalization;
using System.Text;

namespace Parley.Files.FileTypes;

/// <summary>
/// Makes a display and download name from the name a client sent. The result is only ever a
/// name (stored bytes live under generated keys), but it ends up in <c>Content-Disposition</c>
/// headers, in the UI and on users' disks, so it is made harmless for all three.
/// </summary>
internal static class SafeFileName
{
    /// <summary>The longest name produced, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The name used when nothing usable is left.</summary>
    public const string DefaultName = "file";

    private const int MaxExtensionLength = 16;

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// Returns the last path segment of <paramref name="clientName"/> (either slash), without control,
    /// invisible or bidirectional characters, quotes or characters Windows forbids, without leading
    /// or trailing dots and spaces, at most <see cref="MaxLength"/> characters (the extension is
    /// kept), and never empty (<see cref="DefaultName"/> then).
    /// </summary>
    public static string Create(string? clientName)
    {
        if (string.IsNullOrEmpty(clientName))
        {
            return DefaultName;
        }

        var name = clientName;
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        var previousWasSpace = false;
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (IsDropped(rune))
            {
                continue;
            }
            var isSpace = Rune.IsWhiteSpace(rune);
            if (isSpace && previousWasSpace)
            {
                continue;
            }
            builder.Append(isSpace ? " " : rune.ToString());
            previousWasSpace = isSpace;
        }

        name = builder.ToString().Trim(' ', '.');
        if (name.Length == 0)
        {
            return DefaultName;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        if (WindowsDeviceNames.Contains(stem.TrimEnd(' ')))
        {
            name = "_" + name;
        }

        return Truncate(name);
    }

    private static bool IsDropped(Rune rune)
    {
        if (rune.Value is '"' or '\'' or '`' or '<' or '>' or ':' or '|' or '?' or '*' or ';')
        {
            return true;
        }
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
    }

    private static string Truncate(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > MaxExtensionLength)
        {
            extension = "";
        }
        var stem = CutAtTextElement(name[..^extension.Length], MaxLength - extension.Length).TrimEnd(' ', '.');
        return stem.Length == 0 ? DefaultName + extension : stem + extension;
    }

    /// <summary>Cuts to at most <paramref name="maxLength"/> characters without splitting a character or a combining sequence.</summary>
    private static string CutAtTextElement(string text, int maxLength)
    {
        var end = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + enumerator.GetTextElement().Length;
            if (next > maxLength)
            {
                break;
            }
            end = next;
        }
        return text[..end];
    }
}
