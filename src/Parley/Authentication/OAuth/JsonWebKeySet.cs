using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Parley.Authentication.OAuth;

/// <summary>A provider's public signing key, imported into .NET's <see cref="RSA"/> or <see cref="ECDsa"/>.</summary>
/// <param name="KeyId">The <c>kid</c>, if any.</param>
/// <param name="Algorithm">The <c>alg</c> the key is restricted to, if any.</param>
/// <param name="Key">The public key.</param>
internal sealed record SigningKey(string? KeyId, string? Algorithm, AsymmetricAlgorithm Key)
{
    /// <summary>Whether this key may verify a signature made with <paramref name="algorithm"/>: the key type, the curve and any <c>alg</c> restriction must all agree.</summary>
    public bool Fits(string algorithm)
    {
        if (Algorithm is not null && Algorithm != algorithm)
        {
            return false;
        }
        return Key switch
        {
            RSA => algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal),
            ECDsa ecdsa => algorithm == "ES" + (ecdsa.KeySize == 521 ? 512 : ecdsa.KeySize),
            _ => false,
        };
    }
}

/// <summary>
/// Parses a JWKS (RFC 7517) into public signing keys. Only RSA (2048 bits or more) and EC P-256,
/// P-384 and P-521 keys meant for signatures are kept; symmetric (<c>oct</c>) keys, encryption keys
/// and anything malformed are skipped, so a key set can never make Parley verify with an HMAC.
/// </summary>
internal static class JsonWebKeySet
{
    public const int MaxKeys = 50;
    private const int MinimumRsaKeyBits = 2048;

    public static IReadOnlyList<SigningKey> Parse(JsonElement jwks)
    {
        if (!jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new OAuthSignInException(OAuthFailure.KeysFailed, "the key set has no 'keys' array");
        }
        var result = new List<SigningKey>();
        foreach (var jwk in keys.EnumerateArray().Take(MaxKeys))
        {
            if (jwk.ValueKind == JsonValueKind.Object && TryImport(jwk) is { } key)
            {
                result.Add(key);
            }
        }
        return result;
    }

    private static SigningKey? TryImport(JsonElement jwk)
    {
        var use = jwk.String("use");
        if (jwk.TryGetProperty("use", out _) && use != "sig")
        {
            return null;
        }
        if (jwk.TryGetProperty("key_ops", out var ops)
            && (ops.ValueKind != JsonValueKind.Array || !ops.EnumerateArray().Any(op => op.ValueKind == JsonValueKind.String && op.ValueEquals("verify"))))
        {
            return null;
        }
        var alg = jwk.String("alg");
        if (jwk.TryGetProperty("alg", out _) && (alg is null || !OAuthPresets.SupportedAlgorithms.Contains(alg)))
        {
            return null;
        }
        var kid = jwk.String("kid");
        try
        {
            AsymmetricAlgorithm? key = jwk.String("kty") switch
            {
                "RSA" => ImportRsa(jwk),
                "EC" => ImportEc(jwk),
                _ => null,
            };
            return key is null ? null : new SigningKey(kid, alg, key);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static RSA? ImportRsa(JsonElement jwk)
    {
        if (Bytes(jwk, "n") is not { } modulus || Bytes(jwk, "e") is not { } exponent || modulus.Length * 8 < MinimumRsaKeyBits)
        {
            return null;
        }
        var rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
        if (rsa.KeySize < MinimumRsaKeyBits)
        {
            rsa.Dispose();
            return null;
        }
        return rsa;
    }

    private static ECDsa? ImportEc(JsonElement jwk)
    {
        (ECCurve curve, int size)? named = jwk.String("crv") switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => null,
        };
        if (named is not { } c || Bytes(jwk, "x") is not { } x || Bytes(jwk, "y") is not { } y || x.Length != c.size || y.Length != c.size)
        {
            return null;
        }
        // Importing checks that the point is on the curve.
        return ECDsa.Create(new ECParameters { Curve = c.curve, Q = new ECPoint { X = x, Y = y } });
    }

    private static byte[]? Bytes(JsonElement jwk, string name) =>
        jwk.String(name) is { Length: > 0 and < 4096 } text && Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
}
