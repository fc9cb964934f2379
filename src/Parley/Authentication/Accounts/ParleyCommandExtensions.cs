using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Authentication.Accounts;
using Parley.Data;
using Parley.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Parley's administration commands, run from the app's own command line.</summary>
public static class ParleyCommandExtensions
{
    private const string Usage = """
        Parley commands:
          parley create-admin --username NAME   Create an administrator, or make NAME one and reset its
                                                password. The password is read from standard input.
        """;

    /// <summary>
    /// Runs a Parley command if <paramref name="args"/> starts with <c>parley</c>, and returns true
    /// (the app should then exit; <see cref="Environment.ExitCode"/> is set). Otherwise returns false
    /// and does nothing. Call it after building the app, before running it.
    /// </summary>
    /// <example><code>
    /// var app = builder.Build();
    /// if (await app.RunParleyCommandsAsync(args)) return;
    /// // dotnet run -- parley create-admin --username alice   (then type the password)
    /// </code></example>
    public static Task<bool> RunParleyCommandsAsync(this IHost host, string[] args) =>
        host.RunParleyCommandsAsync(args, Console.In, Console.Out, CancellationToken.None);

    /// <summary>Runs a Parley command reading from <paramref name="input"/> and writing to <paramref name="output"/>.</summary>
    public static async Task<bool> RunParleyCommandsAsync(this IHost host, string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "parley")
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(host.Services, args[1..], input, output, cancellationToken);
        return true;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is not ["create-admin", "--username", var username])
        {
            await output.WriteLineAsync(Usage);
            return args is ["help"] or ["--help"] ? 0 : 2;
        }
        var settings = services.GetRequiredService<IOptions<ParleyOptions>>().Value.Auth.Accounts;
        if (AccountRules.UsernameProblem(username) is { } usernameProblem)
        {
            await output.WriteLineAsync(usernameProblem);
            return 1;
        }
        var password = await ReadPasswordAsync(input, output, cancellationToken);
        if (AccountRules.PasswordProblem(password, settings.MinPasswordLength) is { } passwordProblem)
        {
            await output.WriteLineAsync(passwordProblem);
            return 1;
        }

        await services.MigrateParleyDatabaseAsync(cancellationToken);
        var created = await services.GetRequiredService<AccountService>().SetAdminAsync(username, password!, cancellationToken);
        await output.WriteLineAsync(created ? $"Created administrator {username}." : $"{username} is now an administrator with the new password; its sessions ended.");
        if (!settings.Enabled)
        {
            await output.WriteLineAsync("Note: built-in accounts are off; set Parley:Auth:Accounts:Enabled to true to sign in with it.");
        }
        return 0;
    }

    private static async Task<string?> ReadPasswordAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
        }
        await output.WriteAsync("Password: ");
        var password = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        await output.WriteLineAsync();
        return password.ToString();
    }
}
