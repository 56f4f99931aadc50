using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>For tests of a real deployment's web chat (a secret set): a database of their own, a fake clock, browsers that keep cookies.</summary>
public abstract class DeploymentTests : IDisposable
{
    public const string Secret = "test-only-secret-of-a-real-deployment";

    protected TempDatabase Database { get; } = new();
    protected FakeTimeProvider Clock { get; } = Clocks.At(Clocks.Sunday);

    protected BotApp App(IReadOnlyDictionary<string, string>? settings = null) => new(Database.ConnectionString, Clock, secret: Secret, settings: settings);

    /// <summary>A browser: it keeps the cookies the app sets, until they expire by the test's clock.</summary>
    protected HttpClient Browser(BotApp app) => Browser(app, out _);

    protected HttpClient Browser(BotApp app, out ClockedCookies cookies) => app.CreateDefaultClient(cookies = new ClockedCookies(Clock));

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
