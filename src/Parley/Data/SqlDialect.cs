using System.Data.Common;
using System.Text;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Data;

/// <summary>
/// What differs between the SQL providers. The stores are written once in the SQL both
/// providers share; everything provider-specific (pragmas, locks, case-insensitive matching)
/// goes through here so that there is never a second copy of a store.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The provider this dialect speaks for.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Whether writes must be serialized in-process. SQLite allows a single writer per file:
    /// queuing writers on a semaphore is cheaper and fairer than letting them spin on SQLITE_BUSY.
    /// </summary>
    public abstract bool SerializesWrites { get; }

    /// <summary>Prepares the database itself on the first connection a <see cref="SqlDatabase"/> opens.</summary>
    public virtual Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Prepares a freshly opened connection (per-connection settings).</summary>
    public abstract Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins the transaction every write runs in.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the current transaction the only one migrating the schema until it ends, so that
    /// two instances starting at once apply each migration exactly once.
    /// </summary>
    public abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// A condition that is true when <paramref name="column"/> matches, ignoring case, the LIKE
    /// pattern in parameter <paramref name="parameter"/> made by <see cref="ContainsPattern"/>.
    /// </summary>
    public abstract string MatchesIgnoringCase(string column, string parameter);

    /// <summary>
    /// A condition that is true when <paramref name="column"/> equals one of the values of the
    /// list parameter <paramref name="parameter"/>. Dapper expands a list into <c>(@p1, @p2…)</c>
    /// for SQLite but sends it whole, as an array, to PostgreSQL.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The migration's script in this dialect.</summary>
    public abstract string ScriptOf(Migration migration);

    /// <summary>
    /// A LIKE pattern (with <c>\</c> as the escape character) that matches any text containing
    /// <paramref name="text"/> literally: user input must never act as a wildcard.
    /// </summary>
    public virtual string ContainsPattern(string text)
    {
        var pattern = new StringBuilder(text.Length + 8).Append('%');
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }
            pattern.Append(c);
        }
        return pattern.Append('%').ToString();
    }
}
