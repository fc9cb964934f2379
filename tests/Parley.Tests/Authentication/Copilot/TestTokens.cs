using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JWT.Algorithms;
using JWT.Builder;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>Mints test tokens: real ones with the JWT package's builder, hostile ones by hand.</summary>
internal static class TestTokens
{
    public const string Secret = "parley-test-secret-with-more-than-32-bytes";

    /// <summary>Claims of a valid token issued at <paramref name="now"/>.</summary>
    public static Dictionary<string, object> Claims(DateTimeOffset now, TimeSpan? lifetime = null, string identifier = "alice") => new()
    {
        ["identifier"] = identifier,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
    };

    public static string Hs256(IDictionary<string, object> claims, string secret = Secret) =>
        new JwtBuilder().WithAlgorithm(new HMACSHA256Algorithm()).WithSecret(secret).AddClaims(claims).Encode();

    public static string Rs256(RSA privateKey, IDictionary<string, object> claims) =>
        new JwtBuilder().WithAlgorithm(new RS256Algorithm(privateKey, privateKey)).AddClaims(claims).Encode();

    public static string Es256(ECDsa privateKey, IDictionary<string, object> claims) =>
        new JwtBuilder().WithAlgorithm(new Es256Signer(privateKey)).AddClaims(claims).Encode();

    /// <summary>A token assembled by hand: any header, any payload, any signature (or none).</summary>
    public static string Handmade(object header, object payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = $"{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    public static Func<byte[], byte[]> HmacSha256(byte[] key) => data => HMACSHA256.HashData(key, data);

    /// <summary>ES256 signing for the builder (the JWT package 7.3.1 has no ES256).</summary>
    private sealed class Es256Signer(ECDsa key) : IAsymmetricAlgorithm
    {
        public string Name => "ES256";

        public byte[] Sign(byte[] unused, byte[] bytesToSign) => key.SignData(bytesToSign, HashAlgorithmName.SHA256);

        public bool Verify(byte[] bytesToSign, byte[] signature) => key.VerifyData(bytesToSign, signature, HashAlgorithmName.SHA256);
    }
}
