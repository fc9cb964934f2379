using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.OAuth;

/// <summary>
/// Each provider's discovery document and keys, fetched on first use, refreshed after
/// <see cref="ParleyOAuthOptions.DiscoveryRefreshInterval"/>, and the keys refetched early (at most
/// once per <see cref="ParleyOAuthOptions.KeysRefreshMinimumInterval"/>) when an ID token names a
/// key Parley has not seen: that is how key rotation is followed without letting every forged
/// token trigger a fetch.
/// </summary>
internal sealed partial class OidcConfigurationCache(IOptions<ParleyOAuthOptions> options, TimeProvider time, ILogger<OidcConfigurationCache> logger)
{
    /// <summary>How long a stale configuration keeps being used after a failed refresh before the next try.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The provider's configuration, fetched if there is none or it is due for a refresh.</summary>
    public async Task<OidcConfiguration> GetAsync(OAuthProvider provider, HttpClient http, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(provider.Id, _ => new Entry());
        if (entry.Current is { } current && !IsDue(current))
        {
            return current.Configuration;
        }
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (entry.Current is { } cached && (!IsDue(cached) || now < entry.RetryAfter))
            {
                return cached.Configuration;
            }
            try
            {
                // Not the request's token: a client going away must not fail the fetch for the others waiting.
                var configuration = await FetchAsync(provider, http, CancellationToken.None);
                entry.Current = new Snapshot(configuration, now, now);
                return configuration;
            }
            catch (OAuthSignInException ex) when (entry.Current is { } last)
            {
                Log.RefreshFailed(logger, provider.Id, ex.Message);
                entry.RetryAfter = now + RetryDelay;
                return last.Configuration;
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Refetches the keys after an ID token named an unknown key. Returns the newer configuration,
    /// or null when the keys were fetched too recently to fetch them again.
    /// </summary>
    public async Task<OidcConfiguration?> RefreshKeysAsync(OAuthProvider provider, HttpClient http, OidcConfiguration seen, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(provider.Id, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Current is not { } current)
            {
                return null;
            }
            if (!ReferenceEquals(current.Configuration, seen))
            {
                return current.Configuration;
            }
            var now = time.GetUtcNow();
            if (now - current.KeysFetchedAt < options.Value.KeysRefreshMinimumInterval)
            {
                return null;
            }
            // Counted as a fetch even if it fails, so failures are rate-limited too.
            entry.Current = current with { KeysFetchedAt = now };
            var keys = await FetchKeysAsync(http, seen.JwksUri, CancellationToken.None);
            var refreshed = seen with { Keys = keys };
            entry.Current = new Snapshot(refreshed, current.FetchedAt, now);
            Log.KeysRefreshed(logger, provider.Id, keys.Count);
            return refreshed;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private bool IsDue(Snapshot snapshot) => time.GetUtcNow() - snapshot.FetchedAt >= options.Value.DiscoveryRefreshInterval;

    private static async Task<OidcConfiguration> FetchAsync(OAuthProvider provider, HttpClient http, CancellationToken cancellationToken)
    {
        var address = provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
        using var document = await BoundedJson.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, address), OAuthFailure.DiscoveryFailed, cancellationToken);
        var root = document.RootElement;

        // OpenID Connect Discovery 1.0, section 4.3: the issuer must be the one the document was fetched for.
        var issuer = root.String("issuer");
        if (issuer is null || !string.Equals(issuer.TrimEnd('/'), provider.Authority.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, $"the document's issuer '{issuer}' is not the configured authority '{provider.Authority}'");
        }
        if (!Lists(root, "response_types_supported", "code", whenAbsent: true))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, "the provider does not support the authorization code flow");
        }
        if (!Lists(root, "code_challenge_methods_supported", "S256", whenAbsent: true))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, "the provider does not support PKCE with S256");
        }
        if (root.TryGetProperty("id_token_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array
            && !algs.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && provider.AllowedAlgorithms.Contains(a.GetString()!)))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, "the provider signs ID tokens with none of the allowed algorithms");
        }
        var basic = Lists(root, "token_endpoint_auth_methods_supported", "client_secret_basic", whenAbsent: true);
        if (!basic && !Lists(root, "token_endpoint_auth_methods_supported", "client_secret_post", whenAbsent: false))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, "the token endpoint supports neither client_secret_basic nor client_secret_post");
        }

        var jwksUri = Endpoint(root, "jwks_uri", provider, required: true)!;
        return new OidcConfiguration
        {
            Issuer = issuer,
            AuthorizationEndpoint = Endpoint(root, "authorization_endpoint", provider, required: true)!,
            TokenEndpoint = Endpoint(root, "token_endpoint", provider, required: true)!,
            JwksUri = jwksUri,
            UserInfoEndpoint = Endpoint(root, "userinfo_endpoint", provider, required: false),
            EndSessionEndpoint = Endpoint(root, "end_session_endpoint", provider, required: false),
            UseClientSecretPost = !basic,
            IssuerInAuthorizationResponse = root.TryGetProperty("authorization_response_iss_parameter_supported", out var iss) && iss.ValueKind == JsonValueKind.True,
            Keys = await FetchKeysAsync(http, jwksUri, cancellationToken),
        };
    }

    private static async Task<IReadOnlyList<SigningKey>> FetchKeysAsync(HttpClient http, string jwksUri, CancellationToken cancellationToken)
    {
        using var document = await BoundedJson.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, jwksUri), OAuthFailure.KeysFailed, cancellationToken);
        var keys = JsonWebKeySet.Parse(document.RootElement);
        return keys.Count > 0 ? keys : throw new OAuthSignInException(OAuthFailure.KeysFailed, "the key set has no usable signing key");
    }

    private static string? Endpoint(JsonElement root, string name, OAuthProvider provider, bool required)
    {
        var value = root.String(name);
        if (value is null && !required)
        {
            return null;
        }
        if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 || (provider.RequireHttps && uri.Scheme != "https"))
        {
            throw new OAuthSignInException(OAuthFailure.DiscoveryFailed, $"'{name}' is {(value is null ? "missing" : "not an acceptable " + (provider.RequireHttps ? "https " : "") + "URL")}");
        }
        return value;
    }

    private static bool Lists(JsonElement root, string name, string value, bool whenAbsent) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.String && item.ValueEquals(value))
            : whenAbsent;

    /// <summary>A configuration and when it and its keys were fetched, replaced whole so readers without the lock see a consistent one.</summary>
    private sealed record Snapshot(OidcConfiguration Configuration, DateTimeOffset FetchedAt, DateTimeOffset KeysFetchedAt);

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Current;

        /// <summary>Written and read under <see cref="Gate"/> only.</summary>
        public DateTimeOffset RetryAfter;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthDiscoveryRefreshFailed, Level = LogLevel.Warning,
            Message = "Refreshing the discovery document of OAuth provider {Provider} failed; the last one is used for now: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string provider, string reason);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthKeysRefreshed, Level = LogLevel.Information,
            Message = "Fetched the keys of OAuth provider {Provider} again after an ID token named an unknown key; {Count} usable keys.")]
        public static partial void KeysRefreshed(ILogger logger, string provider, int count);
    }
}
