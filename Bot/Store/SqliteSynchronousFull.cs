using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Store;

/// <summary>
/// PRAGMA synchronous=FULL on every open of the store's connection: with WAL, a commit is on disk before
/// the bot answers. And secure_delete: a deleted row (an erased pupil's words) is overwritten with zeros,
/// not left in a free page. The settings are per connection and a pooled connection keeps whatever its
/// last user set, so they are set at each open, as EF Core already does for foreign_keys (no I/O).
/// </summary>
internal sealed class SqliteSynchronousFull : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousFull Instance = new();
    private const string Pragma = "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(ct);
    }
}
