using System.Security.Cryptography;

namespace Parley.Authentication.Copilot;

/// <summary>Loads configured PEM public keys, refusing anything that is not a public key of the right kind and size.</summary>
internal static class CopilotPublicKeys
{
    /// <summary>The smallest RSA key accepted, in bits.</summary>
    public const int MinimumRsaKeyBits = 2048;

    private const string NistP256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Loads one public key for <paramref name="algorithm"/>, or returns why it cannot be used.</summary>
    /// <returns>The key (the caller owns it), or null with <paramref name="error"/> set.</returns>
    public static AsymmetricAlgorithm? Load(string? pem, CopilotTokenAlgorithm algorithm, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(pem) || !PemEncoding.TryFind(pem, out var fields))
        {
            error = "is not a PEM-encoded public key";
            return null;
        }

        var label = pem.AsSpan()[fields.Label];
        if (label.Contains("PRIVATE", StringComparison.Ordinal))
        {
            error = "is a private key; configure only the public key";
            return null;
        }

        var allowed = algorithm == CopilotTokenAlgorithm.RS256
            ? label is "PUBLIC KEY" or "RSA PUBLIC KEY"
            : label is "PUBLIC KEY";
        if (!allowed)
        {
            error = $"is a PEM '{label}', not a public key ('-----BEGIN PUBLIC KEY-----')";
            return null;
        }

        return algorithm == CopilotTokenAlgorithm.RS256 ? LoadRsa(pem, out error) : LoadP256(pem, out error);
    }

    private static RSA? LoadRsa(string pem, out string? error)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < MinimumRsaKeyBits)
            {
                error = $"is a {rsa.KeySize}-bit RSA key; RS256 needs at least {MinimumRsaKeyBits} bits";
                rsa.Dispose();
                return null;
            }
            error = null;
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            error = "is not a valid RSA public key";
            return null;
        }
    }

    private static ECDsa? LoadP256(string pem, out string? error)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            // Platforms report a named curve by OID value, friendly name or both.
            var oid = ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid;
            if (oid?.Value != NistP256Oid && oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1"))
            {
                error = "is not a P-256 key; ES256 needs the P-256 (prime256v1) curve";
                ecdsa.Dispose();
                return null;
            }
            error = null;
            return ecdsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            error = "is not a valid EC public key";
            return null;
        }
    }
}
