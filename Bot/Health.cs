using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot;

/// <summary>
/// /healthz for nginx, a load balancer or a monitor: 200 "Healthy" while the bot's database answers, 503
/// "Unhealthy" otherwise, and not a word more. It goes through the network edge like any path (this
/// machine only without a secret; anyone with one) and no rate limit holds a probe back.
/// </summary>
internal static class Health
{
    public const string Path = "/healthz";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddDbContextCheck<StoreDbContext>("database", customTestQuery: ReadsMigrationsAsync);

    public static void MapHealth(this WebApplication app) => app.MapHealthChecks(Path).DisableRateLimiting();

    /// <summary>
    /// Reads the migrations' table, not only "can connect": on SQLite that alone checks that the file exists,
    /// and a database without migrations (a new empty file) is not the bot's.
    /// </summary>
    private static async Task<bool> ReadsMigrationsAsync(StoreDbContext db, CancellationToken ct) =>
        (await db.Database.GetAppliedMigrationsAsync(ct)).Any();
}
