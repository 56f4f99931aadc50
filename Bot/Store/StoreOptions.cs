namespace Bot.Store;

public enum StoreProvider { Sqlite, PostgreSql }

/// <summary>appsettings "Store": which database; the connection string is ConnectionStrings:Bot.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;
}
