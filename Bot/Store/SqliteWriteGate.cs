using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Store;

/// <summary>
/// SQLite lets one writer in at a time, and Microsoft.Data.Sqlite makes the others wait by sleeping
/// their thread in 150 ms steps: under a Friday rush the turns queued in Thread.Sleep (90 % of a
/// Direct Line turn's time in the profile, see docs/PERFORMANCE.md). This gate queues writers in the
/// process instead, asynchronously and in order. It only exists on SQLite, which serves one instance;
/// PostgreSQL locks rows itself.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// The gate for one DbContext (scoped): a whole turn's transaction holds it (<see cref="HoldAsync"/>),
/// and any other SaveChanges of the context takes it for its own duration.
/// </summary>
public sealed class StoreWriteScope(SqliteWriteGate? gate) : SaveChangesInterceptor
{
    private IAsyncDisposable? _held;
    private IAsyncDisposable? _saving;

    /// <summary>Holds the gate until disposed: for a transaction that spans several saves. A no-op on PostgreSQL.</summary>
    public async Task<IAsyncDisposable> HoldAsync(CancellationToken ct)
    {
        if (gate is null || _held is not null) return NoGate.Instance;
        _held = await gate.EnterAsync(ct);
        return new Held(this);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (gate is not null && _held is null && _saving is null) _saving = await gate.EnterAsync(ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (gate is not null && _held is null && _saving is null) _saving = gate.EnterAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        await EndSaveAsync();
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndSaveAsync().AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default) => await EndSaveAsync();
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => EndSaveAsync().AsTask().GetAwaiter().GetResult();
    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default) => await EndSaveAsync();
    public override void SaveChangesCanceled(DbContextEventData eventData) => EndSaveAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask EndSaveAsync()
    {
        if (Interlocked.Exchange(ref _saving, null) is { } saving) await saving.DisposeAsync();
    }

    private sealed class Held(StoreWriteScope scope) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref scope._held, null) is { } held) await held.DisposeAsync();
        }
    }

    private sealed class NoGate : IAsyncDisposable
    {
        public static readonly NoGate Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
