using System.Net.Sockets;
using System.Text;

namespace Parley.Tests.Authentication;

/// <summary>
/// Sends a hand-written HTTP/1.1 request over a socket, for what HttpClient will not send:
/// a header repeated on two lines, or bytes it would validate away.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> GetAsync(Uri baseAddress, string path, params (string Name, string Value)[] headers)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new TcpClient(baseAddress.Host == "[::1]" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await client.ConnectAsync(baseAddress.IdnHost.Trim('[', ']'), baseAddress.Port, ct).AsTask().WaitAsync(AuthTestHost.Timeout, ct);
        await using var stream = client.GetStream();

        var request = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.ToString()), ct).AsTask().WaitAsync(AuthTestHost.Timeout, ct);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(ct).WaitAsync(AuthTestHost.Timeout, ct);
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = bodyStart < 0 ? response : response[..bodyStart];
        var body = bodyStart < 0 ? "" : response[(bodyStart + 4)..];
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(body) : body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }
            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
