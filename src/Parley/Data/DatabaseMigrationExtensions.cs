using Microsoft.Extensions.DependencyInjection;
using Parley.Data.Migrations;

namespace Parley.Data;

/// <summary>Runs Parley's database migrations on demand.</summary>
public static class DatabaseMigrationExtensions
{
    /// <summary>
    /// Applies the database migrations Parley's database lacks, without starting the host
    /// (for a command-line tool or a deployment step). Starting the host does the same.
    /// Safe to run while other instances start: migrations are applied under a database lock.
    /// </summary>
    /// <param name="services">The app's services, with Parley added.</param>
    /// <param name="cancellationToken">Cancels the migration; nothing is applied then.</param>
    /// <returns>How many migrations were applied (0 when the schema was up to date).</returns>
    public static async Task<int> MigrateParleyDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        return applied.Count;
    }
}
