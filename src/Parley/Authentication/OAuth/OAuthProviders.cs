using Microsoft.Extensions.Options;

namespace Parley.Authentication.OAuth;

/// <summary>The configured providers, resolved once from validated options, in configuration order.</summary>
internal sealed class OAuthProviders
{
    private readonly Dictionary<string, OAuthProvider> _byId;

    public OAuthProviders(IOptions<ParleyOAuthOptions> options)
    {
        var errors = new List<string>();
        All = options.Value.Providers
            .Select(entry => OAuthPresets.Resolve(entry.Key, entry.Value, errors))
            .OfType<OAuthProvider>()
            .ToArray();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ParleyOAuthDefaults.ConfigurationSection, typeof(ParleyOAuthOptions), errors);
        }
        _byId = All.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<OAuthProvider> All { get; }

    public OAuthProvider? Find(string id) => _byId.GetValueOrDefault(id);

    public OAuthProvider? FindByScheme(string scheme) =>
        scheme.StartsWith(ParleyOAuthDefaults.SchemePrefix, StringComparison.Ordinal) ? Find(scheme[ParleyOAuthDefaults.SchemePrefix.Length..]) : null;
}
