namespace Bot.Tests.Support;

/// <summary>For a test class whose tests each get the real app on a database of their own, without a secret, on Sunday 29 November 2026.</summary>
public abstract class OwnBotApp : IDisposable
{
    protected TempDatabase Database { get; } = new();
    protected BotApp App { get; }
    protected HttpClient Http { get; }

    protected OwnBotApp()
    {
        App = new BotApp(Database.ConnectionString, Clocks.At(Clocks.Sunday));
        Http = App.CreateClient();
    }

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
