using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Bot.Bench;

/// <param name="Pool">
/// Each instance's Maximum Pool Size (Npgsql's default, 100, when 0). Npgsql's default is also PostgreSQL's default
/// max_connections: two instances under load take more than the server has (53300), so a deployment sizes it, and so does the bench.
/// </param>
internal sealed record InstancesSettings(int Pupils, TimeSpan Duration, TimeSpan Warmup, int Pool, bool Keep, bool Smoke);

/// <summary>
/// Issue 18's several instances: the bot as one process on a fresh PostgreSQL database, then as two processes on another,
/// configured as a deployment behind a load balancer is (one WebChat:Secret; Data Protection's keys, Hangfire and the
/// outbox are in the database), each pupil's requests alternating between them. Throughput and p99 of two against one,
/// and, from each database, every session saved once and every transcript in order.
/// </summary>
internal static class Instances
{
    private sealed record Phase(int Count, Stats Rush, Stats Saturated, TimeSpan Start, int[] Requests, Usage Usage, InstancesCounts Counts,
        IReadOnlyList<(string Wait, int Samples)> Waits, IReadOnlyCollection<PupilRecord> Records);

    public static async Task<bool> RunAsync(InstancesSettings s)
    {
        var server = Regional.Server;
        // One secret for every instance, as a deployment's environment file gives each (≥ 32 characters).
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Console.WriteLine();
        Console.WriteLine($"Several instances on PostgreSQL: {s.Pupils} pupils over Direct Line, one bot process, then two on one database " +
            $"(each pupil's requests alternating); {s.Warmup.TotalSeconds:0} s warm-up + {s.Duration.TotalSeconds:0} s per run; " +
            $"each instance's connection pool at most {(s.Pool > 0 ? s.Pool : 100)}" + (s.Smoke ? " (smoke run)" : ""));
        var phases = new List<Phase>();
        var ok = true;
        foreach (var count in new[] { 1, 2 })
        {
            var database = Regional.Database(server, $"instances{count}");
            await Regional.CreateAsync(server, database);
            try
            {
                var (phase, records) = await RunPhaseAsync(s, count, database, secret);
                phases.Add(phase);
                ok &= Print(phase);
                if (s.Smoke && count == 2)
                {
                    var proof = await InstancesCheck.ProveAsync(database, records);
                    Console.WriteLine(proof is null
                        ? "  ✓ the check itself: with two messages swapped, a reply misdirected, a session deleted and one doubled, it names those 4 pupils"
                        : "  ✗ the check itself: " + proof);
                    ok &= proof is null;
                }
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (s.Keep) Console.WriteLine($"  Kept for EXPLAIN: {new NpgsqlConnectionStringBuilder(database).Database}");
                else await Regional.DropAsync(server, database);
            }
        }
        PrintComparison(phases[0], phases[1]);
        return ok;
    }

    private static async Task<(Phase Phase, IReadOnlyCollection<PupilRecord> Records)> RunPhaseAsync(InstancesSettings s, int count, string database,
        string secret)
    {
        var records = new ConcurrentBag<PupilRecord>();
        var folders = new List<DirectoryInfo>();
        var bots = new List<Server>();
        try
        {
            // One after the other, as docs/DEPLOY.md says: the first applies the migrations and makes Data Protection's
            // key ring (at its start); the next one starts once the first answers /healthz, and reads them.
            var pooled = s.Pool > 0 ? new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = s.Pool }.ConnectionString : database;
            for (var i = 0; i < count; i++)
            {
                var folder = Directory.CreateTempSubdirectory("p2p-bench-instance-");
                folders.Add(folder);
                bots.Add(await Server.StartAsync(Server.Dll("Bot", "Bot"), BotEnvironment(pooled, secret), "/healthz", folder.FullName));
            }
            var instances = bots.Select(b => b.BaseUrl).ToArray();
            var label = $"p{count}";
            // The smoke run's few seconds would hold a handful of turns at a person's pace: it paces them ten times faster.
            var think = s.Smoke ? (TimeSpan.FromSeconds(0.05), TimeSpan.FromSeconds(0.2)) : (TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
            var (rush, rushRequests) = await InstancesLoad.DriveAsync(instances, secret, label + "r", s.Pupils, s.Warmup, s.Duration, think, records);
            using var waits = new WaitSampler(database);
            var usage = Usage.Begin(bots);
            var (saturated, requests) = await InstancesLoad.DriveAsync(instances, secret, label + "s", s.Pupils, s.Warmup, s.Duration, null, records);
            usage.End(bots, requests.Sum());
            var sampled = await waits.StopAsync();
            var start = bots.Max(b => b.StartToFirstAnswer);
            for (var i = 0; i < requests.Length; i++) requests[i] += rushRequests[i];
            foreach (var bot in bots) await bot.DisposeAsync();
            bots.Clear();
            var counts = await InstancesCheck.RunAsync(database, records);
            return (new Phase(count, rush, saturated, start, requests, usage, counts, sampled, records), records);
        }
        finally
        {
            foreach (var bot in bots) await bot.DisposeAsync();
            foreach (var folder in folders) folder.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> BotEnvironment(string database, string secret) => new()
    {
        ["ConnectionStrings__Bot"] = database,
        ["WebChat__Secret"] = secret,
        // Every pupil comes from 127.0.0.1 here: the limiter still runs on every request, with limits it never reaches.
        ["RateLimits__StartsPerMinute"] = "100000", ["RateLimits__MessagesPerMinute"] = "100000",
        ["RateLimits__MessagesPerAddressPerMinute"] = "1000000",
        // A fresh database has no migrations' history yet: EF logs the first look at it as an error.
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
    };

    /// <summary>Prints a phase's runs and its correctness; false on a correctness miss or a turn in error.</summary>
    private static bool Print(Phase p)
    {
        var c = p.Counts;
        Console.WriteLine();
        Console.WriteLine(p.Rush.Line());
        Console.WriteLine(p.Saturated.Line());
        Console.WriteLine($"  requests per instance: {string.Join(" / ", p.Requests)}; start to /healthz (slowest): {p.Start.TotalSeconds:F2} s; " +
            $"saturated run with its warm-up: machine {p.Usage.MachineBusy:P0} busy, the bot process{(p.Count > 1 ? "es" : "")} {p.Usage.BotCores:F2} cores, " +
            $"{p.Usage.BotMillisecondsPerRequest:F1} ms of CPU per request");
        if (p.Waits.Count > 0)
            Console.WriteLine("  the same, the database's sessions (sampled every 50 ms): " +
                string.Join(", ", p.Waits.Where(w => w.Wait != WaitSampler.MostConnections).Take(6).Select(w => $"{w.Wait} {w.Samples}")) +
                $"; at most {p.Waits.FirstOrDefault(w => w.Wait == WaitSampler.MostConnections).Samples} connections at once");
        // Every pupil's failures, warm-ups included (the runs' own errors count the measured windows only).
        var failures = p.Records.Where(r => r.Error is not null).GroupBy(r => r.Error!).Select(g => $"{g.Key}: {g.Count()}").ToList();
        var errors = p.Rush.Errors + p.Saturated.Errors + p.Records.Count(r => r.Error is not null);
        var correct = c.Misses.Count == 0;
        Console.WriteLine($"  {(correct ? "✓" : "✗")} correctness: {c.Pupils} pupils, {c.Saved} sessions the bot said it saved, " +
            $"{c.Contributions} Contributions rows; {c.Transcripts} of {c.Pupils} transcripts in order; {c.Misses.Count} misses");
        foreach (var miss in c.Misses.Take(10)) Console.WriteLine("      " + miss);
        if (c.Misses.Count > 10) Console.WriteLine($"      … and {c.Misses.Count - 10} more");
        Console.WriteLine($"  {(errors == 0 ? "✓" : "✗")} no request in error: {p.Rush.Errors + p.Saturated.Errors} in the measured runs" +
            (failures.Count == 0 ? ", none in their warm-ups" : $"; pupils whose request failed, warm-ups included: {string.Join(", ", failures)}"));
        return correct && errors == 0;
    }

    private static void PrintComparison(Phase one, Phase two)
    {
        static string Ratio(double a, double b) => (a / b).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"{"Two instances against one (no target)",-44} {"one",12} {"two",12} {"two/one",8}");
        void Row(string what, double a, double b, string unit) =>
            Console.WriteLine($"  {what,-42} {a,9:F1} {unit,-2} {b,9:F1} {unit,-2} {Ratio(b, a),8}");
        Row("rush turn p99", one.Rush.Percentile(99), two.Rush.Percentile(99), "ms");
        Row("rush turn p50", one.Rush.Percentile(50), two.Rush.Percentile(50), "ms");
        Row("rush turns/s", one.Rush.PerSecond, two.Rush.PerSecond, "/s");
        Row("saturated turns/s", one.Saturated.PerSecond, two.Saturated.PerSecond, "/s");
        Row("saturated turn p99", one.Saturated.Percentile(99), two.Saturated.Percentile(99), "ms");
        Row("saturated turn p50", one.Saturated.Percentile(50), two.Saturated.Percentile(50), "ms");
        Row("bots' CPU per request, saturated", one.Usage.BotMillisecondsPerRequest, two.Usage.BotMillisecondsPerRequest, "ms");
    }

    /// <summary>CPU over a window: the whole machine's (from /proc/stat) and the bot processes' (from their /proc/pid/stat).</summary>
    private sealed class Usage
    {
        private (long Busy, long Total) _machine;
        private long _bots;
        private TimeSpan _elapsed;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public double MachineBusy { get; private set; }
        public double BotCores { get; private set; }
        /// <summary>The bots' CPU time per HTTP request (start, turn, poll): what a request costs whatever else the machine runs.</summary>
        public double BotMillisecondsPerRequest { get; private set; }

        public static Usage Begin(IEnumerable<Server> bots) => new() { _machine = Machine(), _bots = bots.Sum(Ticks) };

        public void End(IEnumerable<Server> bots, int requests)
        {
            var (busy, total) = Machine();
            _elapsed = _clock.Elapsed;
            MachineBusy = (double)(busy - _machine.Busy) / Math.Max(total - _machine.Total, 1);
            var seconds = (bots.Sum(Ticks) - _bots) / 100.0; // USER_HZ: 100 on Linux
            BotCores = seconds / _elapsed.TotalSeconds;
            BotMillisecondsPerRequest = seconds * 1000 / Math.Max(requests, 1);
        }

        private static (long Busy, long Total) Machine()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4]; // idle, iowait
            return (fields.Take(8).Sum() - idle, fields.Take(8).Sum());
        }

        private static long Ticks(Server bot)
        {
            var stat = File.ReadAllText($"/proc/{bot.ProcessId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        }
    }

    /// <summary>What the database's sessions are doing (pg_stat_activity), sampled until stopped: running, idle, or what they wait for.</summary>
    private sealed class WaitSampler : IDisposable
    {
        /// <summary>Not a state: the most connections the bots held at once, in any sample.</summary>
        public const string MostConnections = "most connections at once";

        private readonly CancellationTokenSource _stop = new();
        private readonly Task<List<(string, int)>> _sampling;

        public WaitSampler(string database) => _sampling = SampleAsync(database, _stop.Token);

        public async Task<IReadOnlyList<(string Wait, int Samples)>> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        private static async Task<List<(string, int)>> SampleAsync(string database, CancellationToken stop)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var name = new NpgsqlConnectionStringBuilder(database).Database!;
            var server = new NpgsqlConnectionStringBuilder(database) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand("""
                SELECT CASE WHEN state = 'active' AND wait_event IS NULL THEN 'running'
                            WHEN state = 'active' THEN 'waiting ' || wait_event_type || ':' || wait_event
                            ELSE coalesce(state, 'background') END
                FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()
                """, connection);
            command.Parameters.AddWithValue("name", name);
            while (!stop.IsCancellationRequested)
            {
                var connections = 0;
                await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + 1;
                        connections++;
                    }
                counts[MostConnections] = Math.Max(counts.GetValueOrDefault(MostConnections), connections);
                try { await Task.Delay(50, stop); }
                catch (OperationCanceledException) { break; }
            }
            return counts.OrderByDescending(c => c.Value).Select(c => (c.Key, c.Value)).ToList();
        }

        public void Dispose() => _stop.Dispose();
    }
}
