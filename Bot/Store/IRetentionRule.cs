namespace Bot.Store;

/// <summary>
/// What a feature keeps in the store, and for how long: each channel registers the rule for its own
/// tables; the nightly retention job runs them all. Pupils are minors: every table has one.
/// </summary>
public interface IRetentionRule
{
    /// <summary>Deletes what outlived its retention at <paramref name="now"/>; returns how many rows went.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct);
}
