using Bot.Store;
using Bot.Store.CompiledModels.PostgreSql;
using Bot.Store.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bot.Tests.Store;

/// <summary>
/// The store's model is compiled ahead (Store/CompiledModels, by `dotnet ef dbcontext optimize`): building it at start
/// took most of a second. A compiled model does not follow the entities by itself, so these tests compare it with the
/// model the configuration builds today, and tell how to regenerate it when they differ.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "The compiled model is stale: run the two `dotnet ef dbcontext optimize` commands of README's 'On PostgreSQL' section.";

    public static TheoryData<string> Providers => ["sqlite", "postgresql"];

    private static StoreDbContext Open(string provider) => provider == "sqlite"
        ? new StoreDbContext(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgreSqlStoreDbContext(new DbContextOptionsBuilder<PostgreSqlStoreDbContext>().UseNpgsql("Host=localhost;Database=model_only").Options);

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheStoreRunsOnItsCompiledModel(string provider)
    {
        using var db = Open(provider);
        Assert.IsType(provider == "sqlite" ? typeof(StoreDbContextModel) : typeof(PostgreSqlStoreDbContextModel), db.Model);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheCompiledModelIsTheConfiguredOne(string provider)
    {
        using var db = Open(provider);
        var configured = db.GetService<IDesignTimeModel>().Model; // built from OnModelCreating, as migrations do
        var compiled = db.Model;
        Assert.True(Shape(configured).SequenceEqual(Shape(compiled)),
            Regenerate + "\n" + string.Join("\n", Shape(configured).Except(Shape(compiled)).Concat(Shape(compiled).Except(Shape(configured)))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheMigrationsFollowTheModel(string provider)
    {
        using var db = Open(provider);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration for both providers (README's 'On PostgreSQL' section).");
    }

    /// <summary>What a query or a save depends on, entity by entity, in words that both kinds of model give alike.</summary>
    private static List<string> Shape(IModel model) => model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e =>
        new[] { $"{e.Name}: table {e.GetSchema()}.{e.GetTableName()}, owned {e.IsOwned()}, base {e.BaseType?.Name}" }
            .Concat(e.GetProperties().Select(p => $"{e.Name}.{p.Name}: {p.ClrType.Name} as {p.GetColumnName()} {p.GetColumnType()}, null {p.IsNullable}, " +
                $"max {p.GetMaxLength()}, converter {p.GetTypeMapping().Converter?.GetType().Name}, generated {p.ValueGenerated}, " +
                $"concurrency {p.IsConcurrencyToken}, default {p.GetDefaultValueSql()}{p.GetDefaultValue()}"))
            .Concat(e.GetKeys().Select(k => $"{e.Name} key ({Names(k.Properties)}), primary {k.IsPrimaryKey()}"))
            .Concat(e.GetIndexes().Select(i => $"{e.Name} index ({Names(i.Properties)}), unique {i.IsUnique}, filter {i.GetFilter()}"))
            .Concat(e.GetForeignKeys().Select(f => $"{e.Name} foreign key ({Names(f.Properties)}) to {f.PrincipalEntityType.Name}, " +
                $"delete {f.DeleteBehavior}, required {f.IsRequired}"))
            .Concat(e.GetNavigations().Select(n => $"{e.Name} navigation {n.Name} to {n.TargetEntityType.Name}, collection {n.IsCollection}"))
            .Concat(e.GetSkipNavigations().Select(n => $"{e.Name} skip navigation {n.Name} to {n.TargetEntityType.Name}")))
        .ToList();

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
