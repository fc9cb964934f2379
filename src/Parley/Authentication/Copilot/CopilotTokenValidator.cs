using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using JWT;
using JWT.Algorithms;
using JWT.Exceptions;
using JWT.Serializers;

namespace Parley.Authentication.Copilot;

/// <summary>What a valid copilot token says about its user.</summary>
/// <param name="Identifier">The user's unique identifier (<c>identifier</c>, or <c>sub</c> when that is absent).</param>
/// <param name="DisplayName">The <c>display_name</c> claim, if any.</param>
/// <param name="Email">The <c>email</c> claim, if any.</param>
/// <param name="MetadataJson">The <c>metadata</c> object as compact JSON, if any.</param>
/// <param name="Payload">Every verified claim of the token.</param>
/// <param name="Expires">The token's <c>exp</c>.</param>
internal sealed record CopilotTokenIdentity(string Identifier, string? DisplayName, string? Email, string? MetadataJson, JsonElement Payload, DateTimeOffset Expires);

/// <summary>The outcome of validating a copilot token: an identity, or why the token was rejected.</summary>
internal readonly record struct CopilotTokenValidation(CopilotTokenIdentity? Identity, CopilotTokenFailure? Failure)
{
    public static CopilotTokenValidation Fail(CopilotTokenFailure failure) => new(null, failure);
}

/// <summary>
/// Validates copilot tokens: the header is checked here (the pinned algorithm), the signature and
/// <c>exp</c>/<c>nbf</c> by the JWT package, and then the claims Parley relies on.
/// </summary>
/// <remarks>
/// The JWT package (7.3.1) does not compare the header's <c>alg</c> with the configured
/// algorithm: given an algorithm it verifies with it whatever the header says, and its default
/// factory takes the algorithm from the header. So the header is checked here, before the
/// signature. Header and payload are first parsed with System.Text.Json (depth-limited,
/// duplicate names refused) because the package parses them with Newtonsoft.Json before the
/// signature is verified.
/// </remarks>
internal sealed class CopilotTokenValidator
{
    private const int MaxJsonDepth = 16;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        AllowDuplicateProperties = false,
    };

    private static readonly DateTimeOffset LatestNumericDate = DateTimeOffset.MaxValue.AddDays(-1);

    private readonly CopilotTokenAlgorithm _algorithm;
    private readonly string _algorithmName;
    private readonly byte[]? _secret;
    private readonly IReadOnlyList<IJwtAlgorithm> _publicKeyAlgorithms;
    private readonly string? _issuer;
    private readonly string? _audience;
    private readonly TimeSpan _maxLifetime;
    private readonly TimeSpan _clockSkew;

    private CopilotTokenValidator(
        CopilotTokenAlgorithm algorithm,
        byte[]? secret,
        IReadOnlyList<IJwtAlgorithm> publicKeyAlgorithms,
        string? issuer,
        string? audience,
        TimeSpan maxLifetime,
        TimeSpan clockSkew)
    {
        _algorithm = algorithm;
        _algorithmName = algorithm.ToString();
        _secret = secret;
        _publicKeyAlgorithms = publicKeyAlgorithms;
        _issuer = issuer;
        _audience = audience;
        _maxLifetime = maxLifetime;
        _clockSkew = clockSkew;
    }

    /// <summary>Builds a validator from options that passed <see cref="CopilotTokenOptionsValidator"/>.</summary>
    public static CopilotTokenValidator Create(CopilotTokenOptions options)
    {
        byte[]? secret = null;
        var algorithms = new List<IJwtAlgorithm>();
        if (options.Algorithm == CopilotTokenAlgorithm.HS256)
        {
            secret = Encoding.UTF8.GetBytes(options.Secret ?? "");
        }
        else
        {
            foreach (var pem in options.PublicKeys)
            {
                var key = CopilotPublicKeys.Load(pem, options.Algorithm, out var error)
                    ?? throw new InvalidOperationException($"A copilot public key {error}.");
                algorithms.Add(key switch
                {
                    System.Security.Cryptography.RSA rsa => new RS256Algorithm(rsa),
                    System.Security.Cryptography.ECDsa ecdsa => new Es256Algorithm(ecdsa),
                    _ => throw new InvalidOperationException("Unexpected key type."),
                });
            }
        }

        return new CopilotTokenValidator(
            options.Algorithm,
            secret,
            algorithms,
            string.IsNullOrEmpty(options.Issuer) ? null : options.Issuer,
            string.IsNullOrEmpty(options.Audience) ? null : options.Audience,
            options.MaxTokenLifetime,
            options.ClockSkew);
    }

    /// <summary>Validates <paramref name="token"/> at time <paramref name="now"/>.</summary>
    public CopilotTokenValidation Validate(string token, DateTimeOffset now)
    {
        if (token.Length > CopilotTokenDefaults.MaximumTokenLength)
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.TooLong);
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !parts.All(IsBase64Url))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.Malformed);
        }

        using var header = ParseObject(parts[0]);
        using var payload = ParseObject(parts[1]);
        if (header is null || payload is null || header.RootElement.TryGetProperty("crit", out _))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.Malformed);
        }

        if (!header.RootElement.TryGetProperty("alg", out var alg)
            || alg.ValueKind != JsonValueKind.String
            || !alg.ValueEquals(_algorithmName))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.AlgorithmMismatch);
        }

        var claims = payload.RootElement;
        if (!TryReadNumericDate(claims, "exp", out var expires)
            || !TryReadNumericDate(claims, "nbf", out var notBefore)
            || !TryReadNumericDate(claims, "iat", out var issuedAt))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.Malformed);
        }

        if (expires is null)
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.MissingExpiration);
        }

        var timeFailure = CheckTimes(expires.Value, notBefore, issuedAt, now);
        var signatureFailure = VerifySignature(parts, now);
        if (signatureFailure is not null)
        {
            // The package checks nbf after the signature and reports it as a signature failure;
            // our own reading of the times tells the two apart for the log.
            return CopilotTokenValidation.Fail(
                signatureFailure == CopilotTokenFailure.InvalidSignature && timeFailure == CopilotTokenFailure.NotYetValid
                    ? CopilotTokenFailure.NotYetValid
                    : signatureFailure.Value);
        }

        if (timeFailure is not null)
        {
            return CopilotTokenValidation.Fail(timeFailure.Value);
        }

        if (_issuer is not null && !HasIssuer(claims, _issuer))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.InvalidIssuer);
        }

        if (_audience is not null && !HasAudience(claims, _audience))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.InvalidAudience);
        }

        return ReadIdentity(claims, expires.Value);
    }

    private CopilotTokenFailure? CheckTimes(DateTimeOffset expires, DateTimeOffset? notBefore, DateTimeOffset? issuedAt, DateTimeOffset now)
    {
        if (now >= expires + _clockSkew)
        {
            return CopilotTokenFailure.Expired;
        }

        if (notBefore is { } nbf && now + _clockSkew < nbf)
        {
            return CopilotTokenFailure.NotYetValid;
        }

        if (issuedAt is { } iat && iat > now + _clockSkew)
        {
            return CopilotTokenFailure.IssuedInFuture;
        }

        // exp - iat compares two readings of the issuer's clock, so no skew applies; without iat
        // the remaining lifetime is measured on our clock, which may lag the issuer's by the skew.
        var tooLong = issuedAt is { } issued
            ? expires - issued > _maxLifetime
            : expires - now > _maxLifetime + _clockSkew;
        return tooLong ? CopilotTokenFailure.LifetimeTooLong : null;
    }

    private CopilotTokenFailure? VerifySignature(string[] parts, DateTimeOffset now)
    {
        var serializer = new JsonNetSerializer();
        var urlEncoder = new JwtBase64UrlEncoder();
        var validator = new JwtValidator(serializer, new FixedClock(now), (int)Math.Ceiling(_clockSkew.TotalSeconds));
        var jwt = new JwtParts(parts);

        try
        {
            if (_algorithm == CopilotTokenAlgorithm.HS256)
            {
                new JwtDecoder(serializer, validator, urlEncoder, new HMACSHA256Algorithm()).Decode(jwt, _secret!, verify: true);
                return null;
            }

            foreach (var algorithm in _publicKeyAlgorithms)
            {
                try
                {
                    // Asymmetric algorithms take no key bytes; the byte[][] overload is the one that accepts none.
                    new JwtDecoder(serializer, validator, urlEncoder, algorithm).Decode(jwt, (byte[][]?)null, verify: true);
                    return null;
                }
                catch (SignatureVerificationException)
                {
                    // Try the next key: a token verifies if any configured key verifies it.
                }
            }
            return CopilotTokenFailure.InvalidSignature;
        }
        catch (TokenExpiredException)
        {
            return CopilotTokenFailure.Expired;
        }
        catch (SignatureVerificationException)
        {
            return CopilotTokenFailure.InvalidSignature;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // Base64, JSON or key errors from the package: whatever it could not verify is refused,
            // and an unexpected exception type must not turn a bad token into a 500.
            return CopilotTokenFailure.Malformed;
        }
    }

    private static CopilotTokenValidation ReadIdentity(JsonElement claims, DateTimeOffset expires)
    {
        // Chainlit's copilot tokens name the user with "identifier"; "sub" is the registered JWT
        // claim other issuers use. "sub" is read only when "identifier" is absent, so a token can
        // never carry two identities.
        var identifierClaim = claims.TryGetProperty("identifier", out var id) ? id
            : claims.TryGetProperty("sub", out var sub) ? sub
            : default;
        if (identifierClaim.ValueKind != JsonValueKind.String
            || identifierClaim.GetString() is not { } identifier
            || !ClaimValueRules.IsValidIdentifier(identifier))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.InvalidIdentifier);
        }

        if (!TryReadOptionalString(claims, "display_name", ClaimValueRules.IsValidDisplayName, out var displayName)
            || !TryReadOptionalString(claims, "email", ClaimValueRules.IsValidEmail, out var email)
            || !TryReadMetadata(claims, out var metadata))
        {
            return CopilotTokenValidation.Fail(CopilotTokenFailure.InvalidClaims);
        }

        return new CopilotTokenValidation(new CopilotTokenIdentity(identifier, displayName, email, metadata, claims.Clone(), expires), null);
    }

    private static bool TryReadOptionalString(JsonElement claims, string name, Func<string, bool> isValid, out string? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null && isValid(value);
    }

    private static bool TryReadMetadata(JsonElement claims, out string? metadata)
    {
        metadata = null;
        if (!claims.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }
        metadata = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return true;
    }

    private static bool HasIssuer(JsonElement claims, string issuer) =>
        claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String && iss.ValueEquals(issuer);

    private static bool HasAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }
        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.ValueEquals(audience),
            JsonValueKind.Array => aud.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String)
                && aud.EnumerateArray().Any(a => a.ValueEquals(audience)),
            _ => false,
        };
    }

    /// <summary>Reads an optional NumericDate claim; false if it is present but not a plausible date.</summary>
    private static bool TryReadNumericDate(JsonElement claims, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds)
            || !double.IsFinite(seconds) || seconds < 0
            || seconds > (LatestNumericDate - DateTimeOffset.UnixEpoch).TotalSeconds)
        {
            return false;
        }
        value = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    private static JsonDocument? ParseObject(string base64Url)
    {
        try
        {
            var document = JsonDocument.Parse(new JwtBase64UrlEncoder().Decode(base64Url), JsonOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Unpadded base64url in its one canonical spelling: unused trailing bits must be zero, so a
    /// token cannot be re-spelled into another string that verifies the same.
    /// </summary>
    private static bool IsBase64Url(string part)
    {
        if (part.Length == 0 || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || !Base64Url.IsValid(part))
        {
            return false;
        }
        return string.Equals(Base64Url.EncodeToString(Base64Url.DecodeFromChars(part)), part, StringComparison.Ordinal);
    }

    /// <summary>Gives the JWT package the same instant the rest of the validation uses.</summary>
    private sealed class FixedClock(DateTimeOffset now) : IDateTimeProvider
    {
        public DateTimeOffset GetNow() => now;
    }
}
