using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Parley.Data;

/// <summary>
/// The opaque keyset cursor of thread history: the (updated_at, id) of the last thread of a
/// page, as base64url of <c>{unix ms}:{id}</c>. Opaque so clients cannot build or depend on it.
/// </summary>
internal readonly record struct ThreadCursor(long UpdatedAt, string Id)
{
    /// <summary>Encodes the cursor.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{UpdatedAt}:{Id}")));

    /// <summary>Decodes a cursor made by <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentException">The cursor is not one.</exception>
    public static ThreadCursor Decode(string cursor, string parameterName)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw Malformed(parameterName, ex);
        }

        // The id may contain ':' but the timestamp cannot, so the first ':' separates them.
        var separator = text.IndexOf(':');
        if (separator <= 0
            || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var updatedAt))
        {
            throw Malformed(parameterName, null);
        }
        return new ThreadCursor(updatedAt, text[(separator + 1)..]);
    }

    private static ArgumentException Malformed(string parameterName, Exception? inner) =>
        new("The cursor is malformed.", parameterName, inner);
}
