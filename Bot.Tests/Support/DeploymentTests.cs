using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>For tests of a real deployment's web chat (a secret set): a database of their own, a fake clock, browsers that keep cookies.</summary>
public abstract class DeploymentTests : IDisposable
{
    public const string Secret = "test-only-secret-of-a-real-deployment";

    protected TempDatabase Database { get; } = new();
    protected FakeTimeProvider Clock { get; } = Clocks.At(Clocks.Sunday);

    protected BotApp App() => new(Database.ConnectionString, Clock, secret: Secret);

    /// <summary>A browser: it keeps the cookies the app sets.</summary>
    protected static HttpClient Browser(BotApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
