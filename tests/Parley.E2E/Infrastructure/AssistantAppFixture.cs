namespace Parley.E2E.Infrastructure;

/// <summary>
/// One <see cref="AssistantApp"/> per test class, with built-in accounts and open registration
/// (<see cref="AssistantApp.AccountsWithAdmin"/>). Tests of a class run one after another and
/// each registers a user of its own, so they share the app without sharing a history.
/// </summary>
public sealed class AssistantAppFixture : IAsyncLifetime
{
    private AssistantApp? _app;

    internal AssistantApp App => _app ?? throw new InvalidOperationException("The assistant app has not started.");

    public async ValueTask InitializeAsync() => _app = await AssistantApp.StartAsync(AssistantApp.AccountsWithAdmin);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
