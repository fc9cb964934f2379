using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Parley.Ui;

/// <summary>
/// The built web UI and copilot widget, embedded in the Parley assembly by the build (see
/// Parley.csproj). Embedding rather than serving from wwwroot keeps the UI working in every
/// host: Production without a publish step, file-based apps, any mount path.
/// </summary>
internal sealed class UiAssets
{
    public const string ResourcePrefix = "parley-ui/";

    private readonly FrozenDictionary<string, UiAsset> _assets;

    public UiAssets() : this(typeof(UiAssets).Assembly)
    {
    }

    internal UiAssets(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType is "application/javascript" or "text/javascript")
            {
                contentType += "; charset=utf-8";
            }
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            assets[path] = new UiAsset(path, bytes, contentType, etag);
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether the UI was built into this assembly.</summary>
    public bool HasApp => _assets.ContainsKey("app/index.html");

    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);
}

internal sealed record UiAsset(string Path, byte[] Bytes, string ContentType, string ETag);
