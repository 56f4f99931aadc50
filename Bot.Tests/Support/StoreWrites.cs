using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Tests.Support;

/// <summary>
/// Records the SQL that writes to one test database (INSERT, UPDATE, DELETE…), from EF Core's
/// diagnostic events: a refused request must leave none.
/// </summary>
public sealed class StoreWrites : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _databasePath;
    private readonly IDisposable _allListeners;
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];

    public ConcurrentQueue<string> Commands { get; } = new();

    public StoreWrites(string databasePath)
    {
        _databasePath = Path.GetFullPath(databasePath);
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData data) return;
        if (data.Command.Connection?.DataSource is not { } source || Path.GetFullPath(source) != _databasePath) return;
        var sql = data.Command.CommandText.TrimStart();
        if (!sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) Commands.Enqueue(sql);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        _allListeners.Dispose();
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}

/// <summary>Keeps what the app logged at Error and above: an unhandled exception shows there.</summary>
public sealed class ErrorLog : Microsoft.Extensions.Logging.ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => level >= Microsoft.Extensions.Logging.LogLevel.Error;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(level)) log.Entries.Enqueue($"{level} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
