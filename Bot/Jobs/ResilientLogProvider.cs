using Hangfire.Logging;

namespace Bot.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static. When a host that set it is disposed while another
/// lives on in the same process (tests run several apps; a host restarted in place), its logger
/// factory is gone: log nothing then, rather than fail the job that wanted to log.
/// </summary>
internal sealed class ResilientLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try { return new ResilientLog(inner.GetLogger(name)); }
        catch (ObjectDisposedException) { return new ResilientLog(null); }
    }

    private sealed class ResilientLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception)
        {
            if (inner is null) return false;
            try { return inner.Log(logLevel, messageFunc, exception); }
            catch (ObjectDisposedException) { return false; }
        }
    }
}
