using System.Security.Cryptography;
using System.Text;

namespace Parley.Authentication;

/// <summary>
/// How Parley stores secrets it only needs to recognise again (session keys, invite and setup
/// codes, throttle keys): the SHA-256 of their UTF-8 bytes, as lower-case hex. The secrets are
/// random or never leave the server, so an unsalted fast hash is enough to keep them out of the
/// database in usable form.
/// </summary>
internal static class Sha256
{
    public static string Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
