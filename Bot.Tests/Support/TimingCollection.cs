namespace Bot.Tests.Support;

/// <summary>
/// Tests that measure when requests arrive, to the tens of milliseconds: alone, after the others, so that a burst of
/// other tests on a small machine does not stall the process between a request's turn and its arrival.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
