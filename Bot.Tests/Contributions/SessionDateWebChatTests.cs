using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Contributions;

/// <summary>
/// Dates named by the school calendar, over Direct Line on the real app (appsettings.json's calendar), on Sunday
/// 29 November 2026, for a group configured to meet on Wednesdays in zone C.
/// </summary>
public sealed class SessionDateWebChatTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public SessionDateWebChatTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), settings: new Dictionary<string, string>
        {
            ["Groups:0:Slug"] = "peer-to-peer", ["Groups:0:Name"] = "Peer to Peer", ["Groups:0:Zone"] = "C", ["Groups:0:SessionDay"] = "Wednesday",
        });
        _http = _app.CreateClient();
    }

    [Fact]
    public async Task ThePupilsGroup_GivesTheSessionDayAndTheHolidays_AndTheRecapShowsTheDate()
    {
        var client = new DirectLineClient(_http);
        await client.StartAsync();
        await client.SayAsync("/jai-partagé");
        await client.BotSaysAsync();

        // Zone C's winter holidays start on 6 February 2027 (zone B's on 20 February): the Wednesday before is still to come.
        await client.SayAsync("avant les vacances d'hiver");
        Assert.Equal("Le mercredi 3 février 2027, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.",
            (await client.BotSaysAsync())[0]);

        // The last holidays were the Toussaint's, from 17 October.
        await client.SayAsync("la dernière séance avant les vacances");
        Assert.Equal("📅 Séance du mercredi 14 octobre 2026.", (await client.BotSaysAsync())[0]);
        await client.SayAsync("Un débat sur les écrans");
        await client.SayAsync("Argumenter");
        await client.ClickAsync("domain:CivicEngagement", "Engagement citoyen");
        await client.ClickAsync("level:2", "2 · Je progresse");
        Assert.Contains("- **Date :** mercredi 14 octobre 2026", (await client.BotSaysAsync()).Last());
        await client.ClickAsync("recap:yes", "Oui, j'enregistre");

        using var scope = _app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync();
        Assert.Equal(new DateOnly(2026, 10, 14), saved.SessionDate);
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _database.Dispose();
    }
}
