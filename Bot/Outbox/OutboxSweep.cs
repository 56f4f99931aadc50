namespace Bot.Outbox;

/// <summary>
/// The Hangfire side of the outbox: every minute, rows that nobody was woken for (a crash between
/// commit and send, another instance's leftovers).
/// </summary>
public sealed class OutboxSweep(OutboxDispatcher dispatcher)
{
    public const string JobId = "outbox-sweep";

    [Hangfire.AutomaticRetry(Attempts = 0)] // the next minute's run is the retry
    public Task RunAsync(CancellationToken ct) => dispatcher.DeliverDueAsync(ct);
}
