using System.Globalization;
using System.Net.Mail;

namespace Parley.Authentication;

/// <summary>
/// The rules every handler applies to identity values it receives, so a user id or display name
/// means the same thing whichever mode produced it.
/// </summary>
internal static class ClaimValueRules
{
    /// <summary>The longest identifier, display name or email accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>
    /// A user identifier: non-empty, at most <see cref="MaxLength"/> characters, no surrounding
    /// whitespace (" alice" and "alice" must not be two users) and no control, format or line
    /// separator characters (which make look-alike identifiers).
    /// </summary>
    public static bool IsValidIdentifier(string value) =>
        value.Length is > 0 and <= MaxLength
        && !char.IsWhiteSpace(value[0])
        && !char.IsWhiteSpace(value[^1])
        && value.All(c => !IsInvisibleOrControl(c))
        && HasNoLoneSurrogates(value);

    /// <summary>
    /// A display name: non-blank, at most <see cref="MaxLength"/> characters, no control or line
    /// separator characters and no bidirectional overrides (which can make a name display as
    /// another). Format characters such as the emoji zero-width joiner are allowed.
    /// </summary>
    public static bool IsValidDisplayName(string value) =>
        value.Length is > 0 and <= MaxLength
        && !string.IsNullOrWhiteSpace(value)
        && value.All(c => !char.IsControl(c) && !IsLineSeparator(c) && !IsBidiControl(c))
        && HasNoLoneSurrogates(value);

    /// <summary>An email address: a bare <c>local@domain</c> address, at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValidEmail(string value) =>
        value.Length is > 0 and <= MaxLength
        && value.All(c => !char.IsWhiteSpace(c) && !IsInvisibleOrControl(c))
        && MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && address.Host.Length > 0;

    private static bool IsInvisibleOrControl(char c) =>
        char.IsControl(c)
        || IsLineSeparator(c)
        || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static bool IsLineSeparator(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool HasNoLoneSurrogates(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
