using System.Security.Cryptography;
using JWT.Algorithms;

namespace Parley.Authentication.Copilot;

/// <summary>
/// ES256 (ECDSA P-256, SHA-256) verification for the JWT package, which in version 7.3.1 ships
/// HS256 and RS256 only. It delegates to <see cref="ECDsa"/>, whose default signature format
/// (IEEE P1363, r‖s) is exactly the JWS one; no cryptography is implemented here.
/// </summary>
internal sealed class Es256Algorithm(ECDsa publicKey) : IAsymmetricAlgorithm
{
    /// <summary>The JWS size of an ES256 signature: r and s, 32 bytes each.</summary>
    private const int SignatureBytes = 64;

    public string Name => "ES256";

    public byte[] Sign(byte[] key, byte[] bytesToSign) =>
        throw new NotSupportedException("Parley only verifies copilot tokens; it never signs them.");

    public bool Verify(byte[] bytesToSign, byte[] signature) =>
        signature.Length == SignatureBytes
        && publicKey.VerifyData(bytesToSign, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
