using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Bot.Bench;

/// <summary>The measured runs: closed loops of N concurrent users (Direct Line, the echo), an open loop at a fixed rate (Discord).</summary>
internal static class Load
{
    public static HttpClient Client(Uri baseUrl) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// N workers loop until the end; the first <paramref name="warmup"/> is not counted (JIT, pools,
    /// SQLite's cache). Each worker gets the stats to fill, or null while warming up.
    /// </summary>
    internal static async Task<Stats> ClosedLoopAsync(string name, int workers, TimeSpan warmup, TimeSpan duration,
        Func<int, Func<Stats?>, CancellationToken, Task> worker)
    {
        var stats = new Stats(name);
        Stats? current = null;
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, workers).Select(i => Task.Run(() => worker(i, () => Volatile.Read(ref current), stop.Token))).ToList();
        await Task.Delay(warmup);
        stats.Start();
        Volatile.Write(ref current, stats);
        await Task.Delay(duration);
        Volatile.Write(ref current, null);
        stats.Stop();
        stop.Cancel();
        await Task.WhenAll(tasks);
        return stats;
    }

    /// <summary>"1 pupil, alone" (one request at a time, nothing else running), or "64 pupils, saturated".</summary>
    public static string Clients(int n, string who) => n == 1 ? $"1 {who}, alone" : $"{n} {who}s, saturated";

    /// <summary>
    /// N pupils each logging sessions one after the other (a new pupil id each time, so each session
    /// is a first one). With a think time, each pupil waits that long (at random within it) before
    /// each turn, as people reading and typing do; without, they hammer (saturation).
    /// </summary>
    public static async Task<(Stats Turns, int Sessions, int NotSaved)> DirectLineAsync(Uri bot, int pupils, TimeSpan warmup, TimeSpan duration,
        (TimeSpan Min, TimeSpan Max)? think = null)
    {
        using var http = Client(bot);
        var sessions = 0;
        var notSaved = 0;
        var name = think is { } t ? $"Direct Line turn, {pupils} pupils, {t.Min.TotalSeconds:0.#}-{t.Max.TotalSeconds:0.#} s apart"
            : $"Direct Line turn, {Clients(pupils, "pupil")}";
        var stats = await ClosedLoopAsync(name, pupils, warmup, duration, async (worker, measured, stop) =>
        {
            var random = new Random(worker);
            async Task ThinkAsync()
            {
                if (think is { } range) await Task.Delay(range.Min + (range.Max - range.Min) * random.NextDouble());
            }
            await ThinkAsync(); // they do not all arrive in the same millisecond
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var pupil = new DirectLinePupil(http, $"bench-{worker}-{round}-{Guid.NewGuid():N}"[..40]);
                try { await pupil.StartAsync(); }
                catch (HttpRequestException) { measured()?.Error("start"); continue; }
                var ok = true;
                foreach (var (text, choice) in DirectLinePupil.Session)
                {
                    if (stop.IsCancellationRequested) { ok = false; break; }
                    await ThinkAsync();
                    var (success, latency, error) = await pupil.SayAsync(text, choice);
                    var stats = measured();
                    if (success) stats?.Add(latency);
                    else { stats?.Error(error!); ok = false; break; }
                }
                if (!ok) continue;
                // Checked after the session, outside the timed turns: the bot really saved it.
                var last = await pupil.LastBotTextAsync();
                if (last?.StartsWith("C'est enregistré", StringComparison.Ordinal) == true) Interlocked.Increment(ref sessions);
                else if (measured() is { } s) { Interlocked.Increment(ref notSaved); s.Error("not saved: " + (last is null ? "nothing" : last[..Math.Min(last.Length, 40)])); }
            }
        });
        return (stats, sessions, notSaved);
    }

    /// <summary>The baseline: the same number of users, each posting a message that the echo bot answers through the connector.</summary>
    public static async Task<Stats> EchoAsync(Uri echo, string serviceUrl, int users, TimeSpan warmup, TimeSpan duration)
    {
        using var http = Client(echo);
        return await ClosedLoopAsync($"Bot Builder echo turn, {Clients(users, "user")}", users, warmup, duration, async (worker, measured, stop) =>
        {
            var user = new EchoUser(http, serviceUrl, $"echo-{worker}");
            while (!stop.IsCancellationRequested)
            {
                var (ok, latency, error) = await user.SayAsync("J'ai montré comment monter une vidéo sur le téléphone");
                if (ok) measured()?.Add(latency); else measured()?.Error(error!);
            }
        });
    }

    /// <summary>
    /// Signed interactions at a fixed rate, whatever the answers' pace (an open loop: a slow bot
    /// does not slow the senders, as with real pupils): each send is the next step of some pupil's session.
    /// </summary>
    public static async Task<(Stats Requests, int Sessions)> DiscordAsync(Uri bot, DiscordSigner signer, int perSecond, TimeSpan warmup, TimeSpan duration)
    {
        using var http = Client(bot);
        var stats = new Stats($"Discord signed interaction → answer ({perSecond}/s)");
        var ready = new ConcurrentQueue<DiscordPupil>();
        var inFlight = new List<Task>();
        var sessions = 0;
        var pupils = 0;
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        var measuring = false;
        long sent = 0;
        while (clock.Elapsed < warmup + duration)
        {
            if (!measuring && clock.Elapsed >= warmup) { measuring = true; stats.Start(); }
            var pupil = ready.TryDequeue(out var waiting) ? waiting : new DiscordPupil($"8035111022467{Interlocked.Increment(ref pupils):D5}");
            var request = signer.Request(pupil.Next());
            var counted = measuring;
            inFlight.Add(Task.Run(async () =>
            {
                var (answer, latency, error) = await DiscordPupil.SendAsync(http, request);
                var problem = error ?? pupil.Check(answer);
                if (counted) { if (problem is null) stats.Add(latency); else stats.Error(problem); }
                if (problem is not null) return;
                if (pupil.Done) Interlocked.Increment(ref sessions); else ready.Enqueue(pupil);
            }));
            // The next send at its planned time (no drift: planned from the start).
            var next = interval * ++sent;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        stats.Stop();
        await Task.WhenAll(inFlight);
        return (stats, sessions);
    }
}
