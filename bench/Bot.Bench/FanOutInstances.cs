using System.Diagnostics;
using Bot.Jobs;
using Bot.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// The Friday reminder to N pupils on Discord from bots on one PostgreSQL database, hosted in this process with their
/// Hangfire servers and outbox dispatchers running as in production: one instance, then two on a fresh database. The
/// reminder job runs once (as the recurring job would, on one server); the per-pupil jobs it fans out are taken by
/// both instances' Hangfire workers, and each instance's dispatcher sends the outbox rows it leases, so both send.
/// Discord's global limit is shared through the database: two instances must stay within the bound as one does.
/// </summary>
internal static class FanOutInstances
{
    private const double Target = 1.1;

    public static async Task<bool> RunAsync(int pupils)
    {
        Console.WriteLine();
        Console.WriteLine($"Fan-out from several instances: the Friday reminder to {pupils} pupils on Discord, on PostgreSQL " +
            $"(fake REST API: global {RateLimitedDiscord.GlobalPerSecond}/s), one instance then two; target ≤ {Target}× the bound");
        Task<List<string>> Seed(InstanceHost bot, string _) => FanOut.SeedAsync(bot.Services, pupils, dmChannelsKnown: true);
        var one = await RunOnceAsync(1, "fanout", Seed);
        var two = await RunOnceAsync(2, "fanout", Seed);
        var fewer429s = two.Global429s <= one.Global429s;
        Console.WriteLine($"  {(fewer429s ? "✓" : "✗")} global 429s: {two.Global429s} from two instances, {one.Global429s} from one");
        return one.Met && two.Met && fewer429s;
    }

    /// <summary>
    /// The regional Friday: the reminder to every pupil of <paramref name="groups"/> groups (seeded as the region's
    /// generator seeds them, all on Discord) from <paramref name="instances"/> instances.
    /// </summary>
    public static async Task<bool> RegionalFridayAsync(int groups, int pupils, int instances, bool smoke)
    {
        Console.WriteLine();
        Console.WriteLine($"Regional Friday: the reminder to {groups * pupils} pupils of {groups} groups on Discord, from {instances} " +
            $"instance{(instances > 1 ? "s" : "")} on PostgreSQL (fake REST API: global {RateLimitedDiscord.GlobalPerSecond}/s); " +
            (smoke ? "smoke: every pupil once, the bound not held" : $"target ≤ {Target}× the bound"));
        var (met, _) = await RunOnceAsync(instances, "friday",
            (_, database) => RegionalSeed.SeedFridayAsync(database, groups, pupils, FanOut.FridayFivePm), holdBound: !smoke);
        return met;
    }

    /// <summary>Seeds the pupils owed the reminder (given the first instance and the database), returns their Discord ids.</summary>
    private delegate Task<List<string>> Seeder(InstanceHost first, string database);

    private static async Task<(bool Met, int Global429s)> RunOnceAsync(int instances, string name, Seeder seed, bool holdBound = true)
    {
        var server = Regional.Server;
        await using var discord = await RateLimitedDiscord.StartAsync();
        var database = new NpgsqlConnectionStringBuilder(server) { Database = $"p2p_bench_{name}{instances}_{Environment.ProcessId}" }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"");
        try
        {
            var bots = new List<InstanceHost>();
            var clock = new FanOut.ShiftedClock(FanOut.FridayFivePm); // one for all: their records compare
            try
            {
                // One after the other: the first applies the migrations and prepares Hangfire's schema.
                for (var i = 0; i < instances; i++)
                {
                    bots.Add(new InstanceHost(database, discord.BaseUrl, $"instance-{i + 1}", clock));
                    _ = bots[^1].Services;
                }
                var ids = await seed(bots[0], database);
                var pupils = ids.Count;

                var stopwatch = Stopwatch.StartNew();
                var started = discord.Now;
                var startedAt = clock.GetUtcNow().UtcDateTime;
                using (var scope = bots[0].Services.CreateScope())
                    await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FridayReminderAsync(CancellationToken.None);
                var bound = TimeSpan.FromSeconds((double)pupils / RateLimitedDiscord.GlobalPerSecond);
                var deadline = bound * 3 + TimeSpan.FromSeconds(30);
                while (discord.MessagesPerUser.Count < pupils && stopwatch.Elapsed < deadline) await Task.Delay(100);
                var elapsed = stopwatch.Elapsed;
                await Task.Delay(TimeSpan.FromSeconds(3)); // late duplicates, if any

                int recorded;
                DateTime firstWritten, lastWritten;
                using (var scope = bots[0].Services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
                    recorded = await db.SentReminders.CountAsync(r => r.Delivered);
                    firstWritten = await db.Outbox.MinAsync(m => m.CreatedAt);
                    lastWritten = await db.Outbox.MaxAsync(m => m.CreatedAt);
                }
                var duplicates = discord.MessagesPerUser.Values.Sum(n => n - 1);
                var misses = ids.Count(id => !discord.MessagesPerUser.ContainsKey(id));
                var split = bots.Select(b => discord.RequestsFrom.GetValueOrDefault(b.Name)).ToList();
                // Each instance must have sent a fair part (a tenth at least), or the run measured one instance twice.
                var allSent = split.All(n => n >= discord.Requests / (10 * instances));
                var ratio = elapsed / bound;
                var met = misses == 0 && duplicates == 0 && (ratio <= Target || !holdBound) && allSent;
                Console.WriteLine($"  {(met ? "✓" : "✗")} {instances} instance{(instances > 1 ? "s" : "")}: {elapsed.TotalSeconds:F1} s against the " +
                    $"{bound.TotalSeconds:F1} s bound ({ratio:F2}×), {discord.Requests} requests (per instance: {string.Join(" + ", split)}), " +
                    $"429s: {discord.GlobalLimited} global + {discord.RouteLimited} route, duplicates {duplicates}, misses {misses}, " +
                    $"recorded as delivered {recorded}");
                // Where the time went: the first message's delay, then the messages sent in each ten seconds.
                var first = (discord.FirstRequest ?? started) - started;
                Console.WriteLine($"    reminders written to the outbox from {(firstWritten - startedAt).TotalSeconds:F1} s to " +
                    $"{(lastWritten - startedAt).TotalSeconds:F1} s; first request {first.TotalSeconds:F1} s; messages per 10 s: " +
                    string.Join(" ", discord.MessagesPer(started, TimeSpan.FromSeconds(10))));
                return (met, discord.GlobalLimited);
            }
            finally
            {
                foreach (var bot in bots) await bot.DisposeAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One bot instance, its clock on the bench's Friday; each Discord request says which instance sent it.</summary>
    private sealed class InstanceHost(string connectionString, string discordApi, string name, TimeProvider clock) : WebApplicationFactory<ReminderJobs>
    {
        public string Name => name;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(Bot.Bench.Server.Root);
            builder.UseSetting("ConnectionStrings:Bot", connectionString);
            builder.UseSetting("Jobs:RunServer", "true");
            builder.UseSetting("Discord:ApplicationId", DiscordSigner.ApplicationId);
            builder.UseSetting("Discord:PublicKey", new string('0', 64));
            builder.UseSetting("Discord:BotToken", "bench-token");
            builder.UseSetting("Discord:ApiBaseUrl", discordApi);
            builder.UseSetting("Charts:WarmUp", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Error");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new InstanceTag(name)));
            });
        }
    }

    private sealed class InstanceTag(string name) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Remove(RateLimitedDiscord.InstanceHeader); // once, whatever the retries
            request.Headers.Add(RateLimitedDiscord.InstanceHeader, name);
            return base.SendAsync(request, ct);
        }
    }
}
