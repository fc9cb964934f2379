using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Parley.Data;

/// <summary>
/// ASP.NET Core Data Protection's key ring in Parley's database (<c>data_protection_keys</c>),
/// so every instance on one database shares the keys and a database backup holds them. Insert
/// only: the key manager never changes an element it stored (a revocation is a new element).
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous, the data layer asynchronous. The key manager calls
/// the repository rarely (when the key ring first loads at start-up, on its periodic refresh, when
/// it creates or revokes a key), so blocking a thread for those calls costs nothing worth an
/// asynchronous API. Each call runs on the thread pool (<see cref="Task.Run(Func{Task})"/>), away
/// from any synchronization context the caller may have, so the blocked caller can never hold the
/// thread its own continuation needs. Writes go through <see cref="SqlDatabase.WriteAsync{T}"/>
/// and so wait their turn with every other SQLite write.
/// </remarks>
internal sealed partial class SqlXmlRepository(SqlDatabase database, TimeProvider time, ILogger<SqlXmlRepository> logger) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var rows = Task.Run(() => database.ReadAsync(
                async connection => (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, id")).AsList(),
                CancellationToken.None))
            .GetAwaiter().GetResult();
        // The count only: the XML holds the keys' secret material unless a key encryptor is configured.
        Log.Read(logger, rows.Count);
        return [.. rows.Select(xml => XElement.Parse(xml))];
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var row = new
        {
            Id = Guid.NewGuid().ToString("N"),
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        Task.Run(() => database.WriteAsync(
                (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO data_protection_keys (id, friendly_name, xml, created_at) VALUES (@Id, @FriendlyName, @Xml, @CreatedAt)",
                    row,
                    transaction)),
                CancellationToken.None))
            .GetAwaiter().GetResult();
        Log.Stored(logger, friendlyName);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Read {Count} Data Protection key ring elements from the database.")]
        public static partial void Read(ILogger logger, int count);

        [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Stored Data Protection key ring element {FriendlyName} in the database.")]
        public static partial void Stored(ILogger logger, string friendlyName);
    }
}
