namespace Parley.Files.FileTypes;

/// <summary>What <see cref="FileTypeDetector"/> decided about an upload: <see cref="DetectedFileType"/> or <see cref="RejectedFileType"/>.</summary>
internal abstract record FileTypeResult;

/// <summary>An upload Parley accepts, typed from its content.</summary>
/// <param name="Mime">The MIME type to store and serve. Text types are UTF-8 and are served with <c>charset=utf-8</c>.</param>
/// <param name="ElementType">The element type: one of <see cref="Protocol.ElementTypes"/> (image, pdf, audio, video, text or file).</param>
/// <param name="InlineSafe">
/// Whether it may be shown in the page (<c>Content-Disposition: inline</c>). Otherwise it is served
/// only as an attachment, or for PDFs in a sandboxed viewer.
/// </param>
/// <param name="Extension">The extension that fits the content (".png"), for download names; null when the content is opaque.</param>
/// <param name="Downgraded">True when the content is active (HTML, SVG, XML, script) and was made an opaque download.</param>
internal sealed record DetectedFileType(string Mime, string ElementType, bool InlineSafe, string? Extension, bool Downgraded = false) : FileTypeResult;

/// <summary>An upload Parley refuses.</summary>
/// <param name="Reason">Why, in words fit to show the user.</param>
internal sealed record RejectedFileType(string Reason) : FileTypeResult;
