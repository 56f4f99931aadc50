using NSec.Cryptography;

namespace Bot.Tests.Support;

/// <summary>
/// The bot with Discord configured against a local fake of its REST API, for tests that watch what
/// the bot sends there (DMs, follow-ups, rate limits). One role id makes counsellors.
/// </summary>
public abstract class FakeDiscordApp : IAsyncLifetime
{
    protected const string CounsellorRole = "1290000000000000777";
    protected TempDatabase Database { get; } = new();
    protected Key Key { get; } = DiscordClient.NewKey();
    protected FakeDiscord Discord { get; private set; } = null!;
    protected BotApp App { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Discord = await FakeDiscord.StartAsync();
        App = new BotApp(Database.ConnectionString, Clocks.At(Clocks.Sunday), services: ConfigureServices,
            settings: DiscordClient.Settings(Key, Discord.BaseUrl, ("Discord:CounsellorRoleIds:0", CounsellorRole)));
        Http = App.CreateClient();
    }

    /// <summary>A test's own services, registered after the app's.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Discord.DisposeAsync();
        Key.Dispose();
        Database.Dispose();
    }
}
