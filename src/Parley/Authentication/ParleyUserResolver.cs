using System.Security.Claims;
using System.Text.Json;
using Parley.Authentication.Modes;
using Parley.Chat;
using Parley.Data;

namespace Parley.Authentication;

/// <summary>
/// Maps an authenticated <see cref="ClaimsPrincipal"/> to a Parley user, creating the user on
/// first sight. Override it (register your own <see cref="IParleyUserMapper"/>) to map a host
/// app's claims differently.
/// </summary>
public interface IParleyUserMapper
{
    /// <summary>The identity Parley should use for <paramref name="principal"/>, or null to refuse it.</summary>
    ValueTask<MappedUser?> MapAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);
}

/// <summary>What a <see cref="IParleyUserMapper"/> returns.</summary>
/// <param name="Identifier">The unique identifier.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Metadata">A JSON object, or null.</param>
public sealed record MappedUser(string Identifier, string? DisplayName, string? Metadata);

/// <summary>
/// The default mapping: identifier from <see cref="ClaimTypes.NameIdentifier"/> (else the name),
/// display name from <see cref="ClaimTypes.Name"/>, metadata from <c>parley:metadata</c>.
/// </summary>
internal sealed class DefaultParleyUserMapper : IParleyUserMapper
{
    public const string MetadataClaim = "parley:metadata";

    public ValueTask<MappedUser?> MapAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult<MappedUser?>(null);
        }
        var identifier = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.Identity.Name;
        if (string.IsNullOrWhiteSpace(identifier))
        {
            return ValueTask.FromResult<MappedUser?>(null);
        }
        var name = principal.FindFirstValue(ClaimTypes.Name) ?? principal.Identity.Name;
        return ValueTask.FromResult<MappedUser?>(new MappedUser(identifier, name, principal.FindFirstValue(MetadataClaim)));
    }
}

/// <summary>Resolves the Parley user of a request or hub connection.</summary>
internal sealed class ParleyUserResolver(IParleyUserMapper mapper, IUserStore users, ParleyAuthModes modes)
{
    /// <summary>The user, or null when the principal is not signed in, cannot be mapped, or is disabled.</summary>
    public async Task<ParleyUser?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var mapped = await mapper.MapAsync(principal, cancellationToken);
        if (mapped is null)
        {
            return null;
        }
        // A read first: resolving happens on every request and connection; create only on first sight, and only where the mode provisions users.
        var user = await users.FindByIdentifierAsync(mapped.Identifier, cancellationToken);
        if (user is null && AuthModeProvisioning.MayCreate(principal, modes))
        {
            user = await users.GetOrCreateAsync(mapped.Identifier, mapped.DisplayName, mapped.Metadata, cancellationToken);
        }
        if (user is null || user.Disabled)
        {
            return null;
        }
        JsonElement? metadata = null;
        var json = user.Metadata ?? mapped.Metadata;
        if (!string.IsNullOrEmpty(json))
        {
            try
            {
                metadata = JsonDocument.Parse(json).RootElement.Clone();
            }
            catch (JsonException)
            {
                metadata = null;
            }
        }
        return new ParleyUser(user.Id, user.Identifier, mapped.DisplayName ?? user.DisplayName, metadata);
    }
}
