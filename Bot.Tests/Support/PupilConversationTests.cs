namespace Bot.Tests.Support;

/// <summary>Transcript tests of one pupil who already said hello (past the welcome), on Sunday 29 November 2026.</summary>
public abstract class PupilConversationTests : IAsyncLifetime
{
    protected DialogHarness Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await Bot.SayAsync("bonjour");
    }

    public async Task DisposeAsync() => await Bot.DisposeAsync();
}
