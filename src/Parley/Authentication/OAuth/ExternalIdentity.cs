using System.Text.Json;

namespace Parley.Authentication.OAuth;

/// <summary>Who a provider says the user is, after every check passed. The identity is (<see cref="Issuer"/>, <see cref="Subject"/>).</summary>
internal sealed record ExternalIdentity
{
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public string? Email { get; init; }
    public bool EmailVerified { get; init; }
    public string? Name { get; init; }
    public string? Picture { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];
    public required IReadOnlyDictionary<string, JsonElement> Claims { get; init; }

    /// <summary>The raw ID token, kept only for <c>id_token_hint</c> at RP-initiated logout; never logged.</summary>
    public string? IdToken { get; init; }

    /// <summary>
    /// Reads the mapped claims. <paramref name="claims"/> must already be validated; values that are
    /// not of the expected shape are dropped rather than trusted.
    /// </summary>
    public static ExternalIdentity From(string issuer, string subject, IReadOnlyDictionary<string, JsonElement> claims, ResolvedClaimMapping mapping, string? idToken)
    {
        var email = Text(claims, mapping.Email) is { } e && ClaimValueRules.IsValidEmail(e) ? e : null;
        var verified = email is not null && claims.TryGetValue(mapping.EmailVerified, out var v)
            && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.ValueEquals("true")));
        var name = Text(claims, mapping.Name) is { } n && ClaimValueRules.IsValidDisplayName(n.Trim()) ? n.Trim() : null;
        var picture = Text(claims, mapping.Picture) is { Length: <= 2048 } p && Uri.TryCreate(p, UriKind.Absolute, out var uri) && uri.Scheme == "https" ? p : null;
        return new ExternalIdentity
        {
            Issuer = issuer,
            Subject = subject,
            Email = email,
            EmailVerified = verified,
            Name = name,
            Picture = picture,
            Groups = ReadGroups(claims, mapping.Groups),
            Claims = claims,
            IdToken = idToken,
        };
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> claims, string name) =>
        claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> ReadGroups(IReadOnlyDictionary<string, JsonElement> claims, string name)
    {
        if (!claims.TryGetValue(name, out var value))
        {
            return [];
        }
        var items = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!),
            _ => [],
        };
        return items.Select(g => g.Trim()).Where(ClaimValueRules.IsValidDisplayName).Distinct(StringComparer.Ordinal).Take(100).ToArray();
    }
}
