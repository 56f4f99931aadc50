using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;

namespace Bot.Tests.Support;

/// <summary>A test channel's way to reach people ("test" unless named): it records who got what, and reaches everyone but <see cref="Unreachable"/>.</summary>
public sealed class RecordingNotifier(string channel = "test") : IChannelNotifier
{
    private readonly List<(string UserId, IReadOnlyList<Reply> Replies)> _sent = [];

    public string Channel => channel;
    public HashSet<string> Unreachable { get; } = [];
    /// <summary>The next message to each of these is refused once with "try again in a minute" (a 429).</summary>
    public HashSet<string> LaterOnce { get; } = [];
    /// <summary>Every message to these is refused with "try again in a minute", until the outbox gives up.</summary>
    public HashSet<string> AlwaysLater { get; } = [];

    public IReadOnlyList<(string UserId, IReadOnlyList<Reply> Replies)> Sent { get { lock (_sent) return [.. _sent]; } }

    public Task<bool> CanReachAsync(string externalUserId, CancellationToken ct) => Task.FromResult(!Unreachable.Contains(externalUserId));

    public Task<Delivery> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct)
    {
        if (Unreachable.Contains(externalUserId)) return Task.FromResult(Delivery.Unreachable);
        lock (LaterOnce)
            if (LaterOnce.Remove(externalUserId) || AlwaysLater.Contains(externalUserId)) return Task.FromResult(Delivery.Later(TimeSpan.FromMinutes(1)));
        lock (_sent) _sent.Add((externalUserId, replies));
        return Task.FromResult(Delivery.Delivered);
    }
}
