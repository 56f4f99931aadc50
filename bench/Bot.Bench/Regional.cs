using System.Diagnostics;
using Bot.Jobs;
using Npgsql;

namespace Bot.Bench;

internal sealed record RegionalSettings(int Groups, int Pupils, int Repeat, bool Keep, bool Smoke);

/// <summary>
/// Issue 15's regional scale: the same counsellor's commands and jobs on a region's database (N groups) and on a
/// single group's, in one run, each at most twice as slow on the region. One counsellor is measured on both: the
/// middle group's, whose data are the same in both databases.
/// </summary>
internal static class Regional
{
    private const string LocalServer = "Host=127.0.0.1;Port=5432;Username=bot_test;Password=bot_test;Database=postgres";

    /// <summary>The PostgreSQL server the bench creates its databases on: BOT_TEST_POSTGRES, else the tests' local one.</summary>
    internal static string Server =>
        Environment.GetEnvironmentVariable("BOT_TEST_POSTGRES") is { Length: > 0 } configured ? configured : LocalServer;
    private const double Target = 2.0;

    public static async Task<bool> RunAsync(RegionalSettings s)
    {
        var server = Server;
        var measured = s.Groups / 2;
        Console.WriteLine();
        Console.WriteLine($"Regional scale: {s.Groups} groups × {s.Pupils} pupils against 1 group × {s.Pupils}, on PostgreSQL; " +
            $"the counsellor of group {measured}; median of {s.Repeat}");
        var region = Database(server, "region");
        var single = Database(server, "single");
        await CreateAsync(server, region, single);
        try
        {
            await using var regionBot = new RegionalHost(region, RegionalSeed.CounsellorId(measured));
            await using var singleBot = new RegionalHost(single, RegionalSeed.CounsellorId(measured));
            var seeds = new[] { (regionBot, Enumerable.Range(0, s.Groups), "region"), (singleBot, [measured], "single group") };
            foreach (var (bot, groups, what) in seeds)
            {
                var clock = Stopwatch.StartNew();
                _ = bot.Services; // started: the bot's migrations applied
                var migrated = clock.Elapsed;
                var rows = await RegionalSeed.SeedAsync(bot.ConnectionString, groups, s.Pupils);
                Console.WriteLine($"  {what}: migrated in {migrated.TotalSeconds:F1} s, seeded in {(clock.Elapsed - migrated).TotalSeconds:F1} s: " +
                    string.Join(", ", rows.Select(r => $"{r.Value:N0} {r.Key}")));
            }
            return await MeasureAsync(s, regionBot, singleBot, measured);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (s.Keep) Console.WriteLine($"  Kept for EXPLAIN: {region} and {single}");
            else await DropAsync(server, region, single);
        }
    }

    private static async Task<bool> MeasureAsync(RegionalSettings s, RegionalHost region, RegionalHost single, int measured)
    {
        // The first retention run deletes what expired in the seeded history (two years of reminders' records):
        // a catch-up, told apart. The runs measured below are the daily job once it is up to date.
        foreach (var (bot, what) in new[] { (region, "region"), (single, "single") })
        {
            var clock = Stopwatch.StartNew();
            var deleted = await bot.InScopeAsync<Retention, int>(r => r.RunAsync(CancellationToken.None));
            Console.WriteLine($"  retention's first run on the {what} (catch-up, not held to the target): " +
                $"{deleted:N0} rows in {clock.Elapsed.TotalMilliseconds:F0} ms");
            // Autovacuum would within its minute, most of a table being gone: the plans measured below are a daily run's.
            await RegionalSeed.VacuumAsync(bot.ConnectionString);
        }
        var operations = RegionalOperations.All(RegionalSeed.PupilName(measured, Math.Min(7, s.Pupils - 1)));
        var times = operations.ToDictionary(o => o.Name, _ => (Region: new List<double>(), Single: new List<double>()));
        const int warmup = 3;
        for (var round = 0; round < warmup + s.Repeat; round++)
            foreach (var operation in operations)
            {
                // Alternately, so that whatever else the machine does weighs on both alike.
                var singleTime = await operation.RunAsync(single);
                var regionTime = await operation.RunAsync(region);
                if (round < warmup) continue;
                times[operation.Name].Single.Add(singleTime.TotalMilliseconds);
                times[operation.Name].Region.Add(regionTime.TotalMilliseconds);
            }

        var ok = true;
        Console.WriteLine();
        Console.WriteLine($"Targets (each ≤ {Target}× the single group's time{(s.Smoke ? "; smoke run, not held to them" : "")}):");
        foreach (var operation in operations)
        {
            var (regionTimes, singleTimes) = times[operation.Name];
            var (r, one) = (Median(regionTimes), Median(singleTimes));
            var ratio = r / one;
            var met = ratio <= Target;
            ok &= met || s.Smoke;
            Console.WriteLine($"  {(met ? "✓" : "✗")} {operation.Name}: region {r:F2} ms, single {one:F2} ms, " +
                $"ratio {ratio:F2} (target ≤ {Target}×)" +
                $"  [region p90 {Percentile(regionTimes, 90):F2}, single p90 {Percentile(singleTimes, 90):F2}]");
        }
        foreach (var note in RegionalOperations.Notes(region, single)) Console.WriteLine("  " + note);
        return ok;
    }

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    internal static string Database(string server, string what) =>
        new NpgsqlConnectionStringBuilder(server) { Database = $"p2p_bench_{what}_{Environment.ProcessId}" }.ConnectionString;

    internal static async Task CreateAsync(string server, params string[] databases)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var database in databases)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    internal static async Task DropAsync(string server, params string[] databases)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var database in databases)
        {
            var name = new NpgsqlConnectionStringBuilder(database).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            // FORCE cannot end the server's autovacuum worker, busy after such loads: refused (42501) while it runs.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 40)
                {
                    await Task.Delay(500);
                }
            }
        }
    }
}
