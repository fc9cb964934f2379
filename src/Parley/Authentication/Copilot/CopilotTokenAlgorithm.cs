namespace Parley.Authentication.Copilot;

/// <summary>
/// The one signature algorithm copilot tokens must use. A token whose header names any other
/// algorithm (including <c>none</c>) is rejected before its signature is checked.
/// </summary>
public enum CopilotTokenAlgorithm
{
    /// <summary>HMAC-SHA256 with a shared secret of at least 32 bytes (<see cref="CopilotTokenOptions.Secret"/>).</summary>
    HS256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, verified with RSA public keys of at least 2048 bits (<see cref="CopilotTokenOptions.PublicKeys"/>).</summary>
    RS256,

    /// <summary>ECDSA on the P-256 curve with SHA-256, verified with P-256 public keys (<see cref="CopilotTokenOptions.PublicKeys"/>).</summary>
    ES256,
}
