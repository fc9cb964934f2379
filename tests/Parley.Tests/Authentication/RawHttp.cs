using System.Net.Sockets;
using System.Text;

namespace Parley.Tests.Authentication;

/// <summary>
/// Sends a hand-written HTTP/1.1 request over a socket, for what HttpClient will not send:
/// a header repeated on two lines, or bytes it would validate away. Header values are sent as UTF-8.
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
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), ct).AsTask().WaitAsync(AuthTestHost.Timeout, ct);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct).WaitAsync(AuthTestHost.Timeout, ct);
        var response = received.ToArray();

        var headEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(response, 0, headEnd < 0 ? response.Length : headEnd);
        var body = headEnd < 0 ? [] : response[(headEnd + 4)..];
        var status = int.Parse(head.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }
        return (status, Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] body)
    {
        using var result = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = position + body.AsSpan(position).IndexOf("\r\n"u8);
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            if (size == 0)
            {
                return result.ToArray();
            }
            result.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
