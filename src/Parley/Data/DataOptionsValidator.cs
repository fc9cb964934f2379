using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Data;

/// <summary>Checks the data settings at start-up; each message names the setting to fix.</summary>
internal sealed class DataOptionsValidator : IValidateOptions<ParleyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var failures = new List<string>();
        var database = options.Database;
        if (database is null)
        {
            failures.Add("Parley:Database is required.");
        }
        else if (!Enum.IsDefined(database.Provider))
        {
            failures.Add($"Parley:Database:Provider must be {DatabaseProvider.Sqlite} or {DatabaseProvider.Postgres}.");
        }
        else if (database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            failures.Add("Parley:Database:ConnectionString is required when Parley:Database:Provider is Postgres.");
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            // Needed even with PostgreSQL: uploaded files are stored there.
            failures.Add("Parley:DataDirectory is required (the folder for the SQLite database and stored files).");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Parley:DataDirectory contains characters that are not valid in a path.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
