namespace Parley.Hosting;

/// <summary>Options for Parley, bound from the <c>Parley</c> configuration section and validated at start-up.</summary>
public sealed class ParleyOptions
{
    /// <summary>The configuration section Parley binds.</summary>
    public const string SectionName = "Parley";

    /// <summary>
    /// Where Parley keeps its embedded database and stored files. Relative paths are resolved
    /// against the app's content root. Default: <c>data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The database.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Limits on what clients may send.</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>The realtime chat runtime.</summary>
    public RuntimeOptions Runtime { get; set; } = new();

    /// <summary>Sign-in.</summary>
    public AuthOptions Auth { get; set; } = new();

    /// <summary>The name shown in the UI. Default: "Parley".</summary>
    public string AppName { get; set; } = "Parley";
}

/// <summary>Sign-in settings (<c>Parley:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// Whether a browser that is not signed in gets an anonymous user of its own (history private
    /// to that browser). Default true; set false once a sign-in mode is configured. Header and
    /// host-app modes turn it off whatever this says.
    /// </summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Server-side browser sessions (<c>Parley:Auth:Session</c>).</summary>
    public Parley.Authentication.Sessions.BrowserSessionOptions Session { get; set; } = new();

    /// <summary>Throttling of password sign-in (<c>Parley:Auth:Login</c>).</summary>
    public Parley.Authentication.Password.PasswordLoginOptions Login { get; set; } = new();

    /// <summary>Built-in accounts (<c>Parley:Auth:Accounts</c>).</summary>
    public Parley.Authentication.Accounts.AccountOptions Accounts { get; set; } = new();
    /// <summary>Copilot tokens for the widget on other sites (<c>Parley:Auth:Copilot</c>).</summary>
    public Parley.Authentication.Modes.CopilotModeOptions Copilot { get; set; } = new();

    /// <summary>Users named by a trusted SSO proxy (<c>Parley:Auth:Header</c>).</summary>
    public Parley.Authentication.Modes.HeaderModeOptions Header { get; set; } = new();

    /// <summary>The sign-in of the ASP.NET Core app Parley is mapped in (<c>Parley:Auth:HostApp</c>).</summary>
    public Parley.Authentication.Modes.HostAppModeOptions HostApp { get; set; } = new();
}

/// <summary>Which database Parley uses.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in <see cref="ParleyOptions.DataDirectory"/> (the default).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server (required for several instances).</summary>
    Postgres,
}

/// <summary>Database settings (<c>Parley:Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The provider: <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite it may be omitted: the database is then
    /// <c>{DataDirectory}/parley.db</c>. Required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Limits on client input (<c>Parley:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>The longest user message, in characters. Default 100,000.</summary>
    public int MaxMessageChars { get; set; } = 100_000;

    /// <summary>The largest single hub frame a client may send, in bytes. Default 1 MiB.</summary>
    public long MaxHubMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Hub messages a connection may send per minute before being refused. Default 120.</summary>
    public int HubMessagesPerMinute { get; set; } = 120;

    /// <summary>The largest uploaded file, in bytes. Default 20 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most files in one upload request or attached to one message. Default 10.</summary>
    public int MaxFilesPerMessage { get; set; } = 10;
}

/// <summary>Chat runtime settings (<c>Parley:Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>How long a chat session survives its connection dropping, so a reconnecting client gets it back. Default 2 minutes.</summary>
    public TimeSpan ReconnectGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The least time between two flushes of streamed tokens. The first token after a pause is
    /// sent at once; tokens that arrive within this window after a flush are coalesced into the
    /// next frame. Other events (a step created or finished, the end of a run) do not wait: they
    /// go at once, with the tokens queued so far. Default 30 ms.
    /// </summary>
    public TimeSpan StreamFlushInterval { get; set; } = TimeSpan.FromMilliseconds(30);
}
