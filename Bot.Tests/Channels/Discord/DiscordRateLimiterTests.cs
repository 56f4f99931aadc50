using System.Diagnostics;
using Bot.Channels.Discord;

namespace Bot.Tests.Channels.Discord;

/// <summary>The limits shared by every Discord request of the process (the fan-out benchmark measures them against a strict fake).</summary>
public class DiscordRateLimiterTests
{
    private static DiscordRateLimiter Limiter(int perSecond) => new(new LocalGlobalLimit(perSecond));

    [Fact]
    public async Task NoSecond_EverHoldsMoreThanTheGlobalLimit_EvenWithConcurrentSenders()
    {
        var limiter = Limiter(10);
        var clock = Stopwatch.StartNew();
        var sent = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => Task.Run(async () =>
        {
            await limiter.WaitTurnAsync($"channels/{i}/messages", countsGlobally: true, CancellationToken.None);
            sent.Add(clock.Elapsed);
        })));
        var times = sent.Order().ToList();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"25 requests at 10/s took {clock.Elapsed.TotalSeconds:F2} s");
        for (var i = 10; i < times.Count; i++) Assert.True(times[i] - times[i - 10] >= TimeSpan.FromSeconds(1), $"request {i} came {(times[i] - times[i - 10]).TotalMilliseconds:F0} ms after the 10th before it");
    }

    [Fact]
    public async Task InteractionWebhooks_AreNotCountedGlobally()
    {
        var limiter = Limiter(1);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await limiter.WaitTurnAsync("webhooks/1/token", countsGlobally: false, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ASpentBucket_HoldsItsRoute_UntilItResets_AndCountsRequestsInFlight()
    {
        var limiter = Limiter(50);
        limiter.Observe("users/@me/channels", limit: 2, remaining: 1, resetAfter: TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();
        await limiter.WaitTurnAsync("users/@me/channels", countsGlobally: true, CancellationToken.None); // the last one left
        await limiter.WaitTurnAsync("channels/9/messages", countsGlobally: true, CancellationToken.None); // another route: free
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200));
        await limiter.WaitTurnAsync("users/@me/channels", countsGlobally: true, CancellationToken.None); // waits for the reset
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"{clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
