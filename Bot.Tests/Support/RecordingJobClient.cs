using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Bot.Tests.Support;

/// <summary>Stands in for Hangfire's client: keeps what was enqueued, for the test to run (or not) when it chooses.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Enqueued { get; } = [];

    public string Create(Job job, IState state)
    {
        lock (Enqueued) Enqueued.Add(job);
        return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => false;

    /// <summary>Runs one recorded job on a target, as a Hangfire worker would.</summary>
    public static Task RunAsync(Job job, object target) => (Task)job.Method.Invoke(target, [.. job.Args])!;
}
