using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bot.Store;

/// <summary>Lets <c>dotnet ef migrations add</c> build the contexts without starting the app (no connection is opened).</summary>
internal sealed class DesignTimeStoreFactory : IDesignTimeDbContextFactory<StoreDbContext>
{
    public StoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite(StoreExtensions.DefaultConnectionString).Options);
}

internal sealed class DesignTimePostgreSqlStoreFactory : IDesignTimeDbContextFactory<PostgreSqlStoreDbContext>
{
    public PostgreSqlStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlStoreDbContext>().UseNpgsql("Host=localhost;Database=design_time_only").Options);
}
