namespace Bot.Tests.Support;

/// <summary>The bot with a local fake Bot Framework connector for its Teams replies, on a database of its own.</summary>
public sealed class TeamsApp : IAsyncDisposable
{
    private readonly TempDatabase _database = new();

    public FakeConnector Connector { get; private set; } = null!;
    public BotApp App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public static async Task<TeamsApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var teams = new TeamsApp();
        teams.Connector = await FakeConnector.StartAsync();
        teams.App = new BotApp(teams._database.ConnectionString, Clocks.At(Clocks.Sunday), settings: settings, services: services);
        teams.Http = teams.App.CreateClient();
        return teams;
    }

    /// <summary>A Teams user in their own conversation.</summary>
    public TeamsClient Client(string aadObjectId, string name, string conversationId) => new(Http, Connector, aadObjectId, name, conversationId);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Connector.DisposeAsync();
        _database.Dispose();
    }
}
