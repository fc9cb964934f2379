using Parley.Protocol;

namespace Parley.Chat;

/// <summary>Where an element shows.</summary>
public enum ElementDisplay
{
    /// <summary>Inside the message.</summary>
    Inline,
    /// <summary>In a side panel, linked from the message.</summary>
    Side,
    /// <summary>On a page of its own, linked from the message.</summary>
    Page,
}

/// <summary>
/// Something attached to a message or step: an image, file, PDF, audio, video, text or a custom
/// element. Its content comes from bytes, from a server file the app names, or from a URL.
/// Bytes and files are copied into Parley's file store when sent, and served only to the
/// thread's owner; the path of a server file never reaches the browser.
/// </summary>
public sealed class Element
{
    private Element(string type, string name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>The element type (see <see cref="ElementTypes"/>).</summary>
    public string Type { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>Where it shows. Default: inline.</summary>
    public ElementDisplay Display { get; init; } = ElementDisplay.Inline;

    /// <summary>The MIME type; when null it is decided from the content or file name.</summary>
    public string? Mime { get; init; }

    internal ReadOnlyMemory<byte>? Bytes { get; private init; }
    internal string? FilePath { get; private init; }
    internal Uri? Url { get; private init; }
    internal object? Props { get; private init; }

    /// <summary>An element of <paramref name="type"/> from bytes.</summary>
    public static Element FromBytes(string type, string name, ReadOnlyMemory<byte> bytes, string? mime = null) =>
        new(CheckType(type), CheckName(name)) { Bytes = bytes, Mime = mime };

    /// <summary>An element of <paramref name="type"/> from a file on the server that the app names.</summary>
    public static Element FromFile(string type, string path, string? name = null, string? mime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(CheckType(type), CheckName(name ?? System.IO.Path.GetFileName(path))) { FilePath = path, Mime = mime };
    }

    /// <summary>An element of <paramref name="type"/> that the browser loads from an http(s) URL.</summary>
    public static Element FromUrl(string type, Uri url, string name, string? mime = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("An element URL must be an absolute http or https URL.", nameof(url));
        }
        return new(CheckType(type), CheckName(name)) { Url = url, Mime = mime };
    }

    /// <summary>An image from bytes.</summary>
    public static Element Image(string name, ReadOnlyMemory<byte> bytes, string? mime = null) => FromBytes(ElementTypes.Image, name, bytes, mime);

    /// <summary>A downloadable file from bytes.</summary>
    public static Element File(string name, ReadOnlyMemory<byte> bytes, string? mime = null) => FromBytes(ElementTypes.File, name, bytes, mime);

    /// <summary>A PDF from bytes.</summary>
    public static Element Pdf(string name, ReadOnlyMemory<byte> bytes) => FromBytes(ElementTypes.Pdf, name, bytes, "application/pdf");

    /// <summary>Audio from bytes.</summary>
    public static Element Audio(string name, ReadOnlyMemory<byte> bytes, string? mime = null) => FromBytes(ElementTypes.Audio, name, bytes, mime);

    /// <summary>Video from bytes.</summary>
    public static Element Video(string name, ReadOnlyMemory<byte> bytes, string? mime = null) => FromBytes(ElementTypes.Video, name, bytes, mime);

    /// <summary>Plain text shown in a panel.</summary>
    public static Element Text(string name, string content, string? language = null) =>
        new(ElementTypes.Text, CheckName(name)) { Bytes = System.Text.Encoding.UTF8.GetBytes(content), Mime = "text/plain", Language = language };

    /// <summary>A custom element: the UI renders <paramref name="props"/> (serialized to JSON) with a client component named <paramref name="name"/>.</summary>
    public static Element Custom(string name, object props, ElementDisplay display = ElementDisplay.Inline) =>
        new(ElementTypes.Custom, CheckName(name)) { Props = props ?? throw new ArgumentNullException(nameof(props)), Display = display };

    /// <summary>For text elements, a language for syntax highlighting.</summary>
    public string? Language { get; init; }

    /// <summary>This element, shown <paramref name="display"/>: inline, in the side panel, or over the chat as a page.</summary>
    /// <example><code>Element.Text("query.sql", sql).WithDisplay(ElementDisplay.Side)</code></example>
    public Element WithDisplay(ElementDisplay display) => new(Type, Name)
    {
        Display = display, Mime = Mime, Bytes = Bytes, FilePath = FilePath, Url = Url, Props = Props, Language = Language,
    };

    private static string CheckType(string type)
    {
        if (!ElementTypes.IsKnown(type) || type == ElementTypes.Custom)
        {
            throw new ArgumentException($"Unknown element type '{type}'. Use image, file, pdf, audio, video or text (custom elements come from Element.Custom).", nameof(type));
        }
        return type;
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}
