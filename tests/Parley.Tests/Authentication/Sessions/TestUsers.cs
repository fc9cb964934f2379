using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Password;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>A password callback that knows alice and bob.</summary>
internal static class TestUsers
{
    public const string Password = "correct horse battery";

    public static void AddCallback(IServiceCollection services) =>
        services.AddParleyPasswordLogin((username, password, _) => ValueTask.FromResult(
            username is "alice" or "bob" && password == Password ? new ParleyUserInfo(username, username.ToUpperInvariant()) : null));
}
