namespace Bot.Store;

public enum StoreProvider { Sqlite, PostgreSql }

/// <summary>appsettings "Store": which database; the connection string is ConnectionStrings:Bot.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Unset: PostgreSQL when the connection string names a host, else SQLite. So one variable moves the bot to PostgreSQL.</summary>
    public StoreProvider? Provider { get; set; }

    public static StoreProvider Resolve(StoreProvider? configured, string? connectionString) =>
        configured ?? (connectionString is not null && connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? StoreProvider.PostgreSql
            : StoreProvider.Sqlite);
}
