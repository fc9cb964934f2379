namespace Parley.Data.Migrations;

/// <summary>
/// Contributes migrations. Each feature that owns tables registers one source with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IMigrationSource, TheSource&gt;())</c>;
/// the <see cref="DatabaseMigrator"/> collects them all.
/// </summary>
/// <remarks>
/// Versions are unique across sources, so each feature numbers its migrations in its own band:
/// <list type="bullet">
/// <item><description>1–999: data (users, threads, steps, elements, feedback): <see cref="DataMigrations"/>.</description></item>
/// <item><description>1000–1999: authentication (sessions 1000–1099, accounts 1100–1199, sign-in throttling 1200–1299).</description></item>
/// <item><description>2000–2099: per-user settings: <see cref="UserSettingsMigrations"/>.</description></item>
/// <item><description>2100–2199: the Data Protection key ring: <see cref="DataProtectionMigrations"/>.</description></item>
/// <item><description>2200 and up: further features, a band of 100 each.</description></item>
/// </list>
/// Every version a database lacks is applied in ascending order, even one lower than a version
/// already applied. A migration may therefore depend on lower bands (authentication may refer
/// to <c>users</c>), never on higher ones, and a shipped migration never changes.
/// </remarks>
internal interface IMigrationSource
{
    /// <summary>The migrations of this source.</summary>
    IEnumerable<Migration> Migrations { get; }
}
