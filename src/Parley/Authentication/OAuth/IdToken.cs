using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Authentication.OAuth;

/// <summary>What an ID token must be to be accepted, besides its signature.</summary>
internal sealed record IdTokenExpectations(
    string Issuer,
    IReadOnlyList<string> IssuerAliases,
    string ClientId,
    string Nonce,
    TimeSpan ClockSkew,
    string SubjectClaim);

/// <summary>
/// An ID token split and parsed, not yet trusted. Parsing checks the form and the header: a JWS
/// in compact form, canonical base64url, JSON objects without duplicate names, no <c>crit</c>, and
/// an <c>alg</c> on the allowlist. <c>jku</c>, <c>x5u</c>, <c>jwk</c> and <c>x5c</c> are ignored:
/// keys come only from the provider's <c>jwks_uri</c>.
/// </summary>
internal sealed class IdToken : IDisposable
{
    /// <summary>The longest ID token read: 16 KiB.</summary>
    public const int MaxLength = 16 * 1024;

    private IdToken(string algorithm, string? keyId, byte[] signingInput, byte[] signature, JsonDocument payload)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        SigningInput = signingInput;
        Signature = signature;
        Payload = payload;
    }

    public string Algorithm { get; }
    public string? KeyId { get; }
    public byte[] SigningInput { get; }
    public byte[] Signature { get; }
    public JsonDocument Payload { get; }

    /// <summary>Parses <paramref name="token"/>, refusing it unless its <c>alg</c> is in <paramref name="allowedAlgorithms"/>.</summary>
    public static IdToken Parse(string token, IReadOnlySet<string> allowedAlgorithms)
    {
        if (token.Length > MaxLength)
        {
            throw new OAuthSignInException(OAuthFailure.MalformedIdToken, "the ID token is too long");
        }
        // Three parts: a JWS. A JWE (five parts) or anything else is refused.
        var parts = token.Split('.');
        if (parts.Length != 3 || !parts.All(IsCanonicalBase64Url))
        {
            throw new OAuthSignInException(OAuthFailure.MalformedIdToken, "the ID token is not a compact JWS");
        }
        using var header = ParseObject(parts[0]);
        var payload = ParseObject(parts[1]);
        try
        {
            var root = header.RootElement;
            if (root.TryGetProperty("crit", out _))
            {
                throw new OAuthSignInException(OAuthFailure.MalformedIdToken, "the ID token has a 'crit' header");
            }
            var algorithm = root.String("alg");
            // The allowlist never holds "none" or an HMAC (checked at start-up); SupportedAlgorithms guards it again.
            if (algorithm is null || !allowedAlgorithms.Contains(algorithm) || !OAuthPresets.SupportedAlgorithms.Contains(algorithm))
            {
                throw new OAuthSignInException(OAuthFailure.AlgorithmNotAllowed, $"alg '{Printable(algorithm)}'");
            }
            if (root.TryGetProperty("kid", out var kid) && kid.ValueKind != JsonValueKind.String)
            {
                throw new OAuthSignInException(OAuthFailure.MalformedIdToken, "the ID token's 'kid' is not a string");
            }
            var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            return new IdToken(algorithm, root.String("kid"), signingInput, Base64Url.DecodeFromChars(parts[2]), payload);
        }
        catch
        {
            payload.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="key"/> verifies the signature, with .NET's RSA or ECDsa.</summary>
    public bool IsSignedBy(SigningKey key)
    {
        if (!key.Fits(Algorithm))
        {
            return false;
        }
        var hash = Algorithm[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => throw new OAuthSignInException(OAuthFailure.AlgorithmNotAllowed, Algorithm),
        };
        try
        {
            return key.Key switch
            {
                RSA rsa => rsa.VerifyData(SigningInput, Signature, hash, Algorithm[0] == 'P' ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
                // JWS ECDSA signatures are r||s of fixed size (IEEE P1363), .NET's default format.
                ECDsa ecdsa => Signature.Length == 2 * ((ecdsa.KeySize + 7) / 8)
                    && ecdsa.VerifyData(SigningInput, Signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Checks the claims (OpenID Connect Core 1.0, 3.1.3.7) and returns the subject.</summary>
    public string CheckClaims(IdTokenExpectations expected, DateTimeOffset now)
    {
        var claims = Payload.RootElement;
        var issuer = claims.String("iss");
        if (issuer is null || (issuer != expected.Issuer && !expected.IssuerAliases.Contains(issuer, StringComparer.Ordinal)))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidIssuer, $"iss '{Printable(issuer)}'");
        }

        CheckAudience(claims, expected.ClientId);

        if (!TryReadTime(claims, "exp", out var expires) || expires is null || !TryReadTime(claims, "iat", out var issuedAt) || issuedAt is null
            || !TryReadTime(claims, "nbf", out var notBefore))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidLifetime, "exp and iat are required numbers");
        }
        if (now >= expires + expected.ClockSkew)
        {
            throw new OAuthSignInException(OAuthFailure.InvalidLifetime, "the ID token has expired");
        }
        if (issuedAt > now + expected.ClockSkew || (notBefore is { } nbf && nbf > now + expected.ClockSkew))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidLifetime, "the ID token is not valid yet");
        }

        var nonce = claims.String("nonce");
        if (nonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expected.Nonce)))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidNonce, nonce is null ? "the ID token has no nonce" : "the nonce is not this sign-in's");
        }

        var subject = claims.String(expected.SubjectClaim);
        if (subject is null || !ClaimValueRules.IsValidIdentifier(subject))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidSubject, $"'{expected.SubjectClaim}' is missing or not a valid identifier");
        }
        return subject;
    }

    public void Dispose() => Payload.Dispose();

    private static void CheckAudience(JsonElement claims, string clientId)
    {
        var audiences = claims.TryGetProperty("aud", out var aud) ? aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array when aud.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String) => aud.EnumerateArray().Select(a => a.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        } : [];
        if (!audiences.Contains(clientId, StringComparer.Ordinal))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidAudience, "aud does not contain the client id");
        }
        // A token also meant for other clients is accepted only when it names this client as its
        // authorized party; azp, when present, must always be this client.
        var azp = claims.TryGetProperty("azp", out var party) ? party.ValueKind == JsonValueKind.String ? party.GetString() : "" : null;
        if ((audiences.Length > 1 && azp != clientId) || (azp is not null && azp != clientId))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidAudience, "the token has other audiences or another authorized party");
        }
    }

    private static bool TryReadTime(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
            || seconds < 0 || seconds > 253_402_300_799) // 9999-12-31T23:59:59Z
        {
            return false;
        }
        value = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    private static JsonDocument ParseObject(string base64Url)
    {
        try
        {
            var document = JsonDocument.Parse(Base64Url.DecodeFromChars(base64Url), BoundedJson.Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
        }
        throw new OAuthSignInException(OAuthFailure.MalformedIdToken, "a part of the ID token is not a JSON object");
    }

    /// <summary>Unpadded base64url in its one canonical spelling, so a token cannot be re-spelled into another string that verifies the same.</summary>
    private static bool IsCanonicalBase64Url(string part) =>
        part.Length > 0
        && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && Base64Url.IsValid(part)
        && string.Equals(Base64Url.EncodeToString(Base64Url.DecodeFromChars(part)), part, StringComparison.Ordinal);

    /// <summary>A claim value fit for a log line: short, printable.</summary>
    private static string Printable(string? value) =>
        value is null ? "(none)" : new string(value.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
