namespace Parley.Authentication.Accounts;

/// <summary>What a user name and a password must be.</summary>
internal static class AccountRules
{
    public const int MaxUsernameLength = 64;

    /// <summary>Long enough for any passphrase; short enough that hashing it costs nothing extra.</summary>
    public const int MaxPasswordLength = 1024;

    /// <summary>The lookup form: case-insensitive.</summary>
    public static string Normalize(string username) => username.Trim().ToUpperInvariant();

    /// <summary>
    /// Why <paramref name="username"/> cannot be registered, or null. ASCII letters, digits and
    /// <c>. _ - @</c> only, starting with a letter or digit: no look-alike Unicode names, no
    /// spaces, and no <c>:</c>, which Parley's own identifiers use (<c>anonymous:…</c>).
    /// </summary>
    public static string? UsernameProblem(string? username)
    {
        if (string.IsNullOrEmpty(username) || username.Length > MaxUsernameLength)
        {
            return $"A user name has 1 to {MaxUsernameLength} characters.";
        }
        if (!char.IsAsciiLetterOrDigit(username[0]) || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return "A user name has only letters, digits and . _ - @, and starts with a letter or digit.";
        }
        return null;
    }

    /// <summary>Why <paramref name="password"/> is not acceptable, or null.</summary>
    public static string? PasswordProblem(string? password, int minLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
        {
            return $"A password has at least {minLength} characters.";
        }
        if (password.Length > MaxPasswordLength)
        {
            return $"A password has at most {MaxPasswordLength} characters.";
        }
        return null;
    }
}
