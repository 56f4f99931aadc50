using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Bot.Bench;

/// <summary>What one pupil did, as the bench saw it; the database is checked against it after the run.</summary>
internal sealed class PupilRecord(string userId)
{
    public string UserId => userId;
    public bool Started { get; set; }
    /// <summary>Turns of <see cref="DirectLinePupil.Session"/> answered 200, in their order.</summary>
    public int Posted { get; set; }
    /// <summary>The turn after the answered ones failed: it may still be stored (a timeout after the commit).</summary>
    public bool LastFailed { get; set; }
    /// <summary>The bot said "C'est enregistré" at the end of the session.</summary>
    public bool Saved { get; set; }
    /// <summary>What failed for this pupil (warm-up included), or null: a failed poll leaves unknown what the bot said.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// One pupil's requests sent to the instances in turn (0, 1, 0, 1…), as a load balancer without affinity would. The
/// start carries the Direct Line secret, as the page's token service does; every later request carries the pupil's token.
/// </summary>
internal sealed class AlternatingHandler(HttpMessageHandler shared, IReadOnlyList<Uri> instances, string secret, int first, int[] sent)
    : DelegatingHandler(shared)
{
    private int _next = first;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var instance = _next++ % instances.Count;
        Interlocked.Increment(ref sent[instance]);
        request.RequestUri = new Uri(instances[instance], request.RequestUri!.PathAndQuery);
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", secret);
        return base.SendAsync(request, ct);
    }
}

/// <summary>The Direct Line load of <see cref="Load.DirectLineAsync"/>, each pupil's requests alternating between instances.</summary>
internal static class InstancesLoad
{
    /// <summary>
    /// N pupils each logging sessions one after the other, a new pupil id each time (with <paramref name="think"/>, at a
    /// person's pace; without, saturated). Every pupil, warm-up included, is recorded in <paramref name="records"/>.
    /// </summary>
    public static async Task<(Stats Turns, int[] Requests)> DriveAsync(IReadOnlyList<Uri> instances, string secret, string label, int pupils,
        TimeSpan warmup, TimeSpan duration, (TimeSpan Min, TimeSpan Max)? think, ConcurrentBag<PupilRecord> records)
    {
        using var shared = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var requests = new int[instances.Count];
        var pace = think is { } t ? $"{t.Min.TotalSeconds:0.#}-{t.Max.TotalSeconds:0.#} s apart" : "saturated";
        var name = $"{instances.Count} instance{(instances.Count > 1 ? "s" : "")}, {pupils} pupils, {pace}";
        var stats = await Load.ClosedLoopAsync(name, pupils, warmup, duration, async (worker, measured, stop) =>
        {
            var random = new Random(worker);
            async Task ThinkAsync()
            {
                if (think is { } range) await Task.Delay(range.Min + (range.Max - range.Min) * random.NextDouble());
            }
            // Not disposed with the client: the handler's inner one is shared by every pupil.
            using var http = new HttpClient(new AlternatingHandler(shared, instances, secret, worker % instances.Count, requests), disposeHandler: false)
            {
                BaseAddress = instances[0], Timeout = TimeSpan.FromSeconds(30),
            };
            await ThinkAsync(); // they do not all arrive in the same millisecond
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var record = new PupilRecord($"{label}-{worker}-{round}-{Guid.NewGuid():N}"[..40]);
                records.Add(record);
                var pupil = new DirectLinePupil(http, record.UserId);
                try
                {
                    await pupil.StartAsync();
                    record.Started = true;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    measured()?.Error(record.Error = "start: " + Describe(ex));
                    continue;
                }
                var ok = true;
                foreach (var (text, choice) in DirectLinePupil.Session)
                {
                    if (stop.IsCancellationRequested) { ok = false; break; }
                    await ThinkAsync();
                    var (success, latency, error) = await pupil.SayAsync(text, choice);
                    var stats = measured();
                    if (success)
                    {
                        record.Posted++;
                        stats?.Add(latency);
                        continue;
                    }
                    record.LastFailed = true;
                    record.Error = error;
                    stats?.Error(error!);
                    ok = false;
                    break;
                }
                if (!ok) continue;
                // Checked after the session, outside the timed turns (and on the next instance): the bot really saved it.
                string? last;
                try { last = await pupil.LastBotTextAsync(); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    measured()?.Error(record.Error = "poll: " + Describe(ex));
                    continue;
                }
                record.Saved = last?.StartsWith("C'est enregistré", StringComparison.Ordinal) == true;
                if (!record.Saved) measured()?.Error(record.Error = "not saved");
            }
        });
        return (stats, requests);
    }

    private static string Describe(Exception ex) => ex is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : ex.GetType().Name;
}
