namespace Bot.Tests.Support;

/// <summary>
/// Tests that run Hangfire's own servers: alone, after the others. Hangfire keeps some of its
/// configuration in statics (serializer, log provider), which several hosts starting at once in
/// one process would race on; in production there is one host per process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireServersCollection
{
    public const string Name = "Hangfire servers";
}
