using System.Text.RegularExpressions;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Linking;

/// <summary>
/// The code over the real web chat, on SQLite and on PostgreSQL: Léa's phone and laptop were two people
/// to the bot; the laptop's code, typed on the phone, makes them one, sessions of the same Friday kept twice.
/// </summary>
public partial class WebChatLinkingTests
{
    [Fact]
    public async Task OnSqlite_TwoBrowsers_BecomeOnePupil()
    {
        using var database = new TempDatabase();
        await TwoBrowsersBecomeOneAsync(database.ConnectionString, "");
    }

    [SkippableFact]
    public async Task OnPostgreSql_TwoBrowsers_BecomeOnePupil()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await TwoBrowsersBecomeOneAsync(database.ConnectionString, "PostgreSql");
    }

    private static async Task TwoBrowsersBecomeOneAsync(string connectionString, string provider)
    {
        await using var app = new BotApp(connectionString, Clocks.At(Clocks.Sunday), provider: provider);
        using var http = app.CreateClient();
        var laptop = new DirectLineClient(http, "lea-laptop");
        var phone = new DirectLineClient(http, "lea-phone");
        foreach (var (browser, shared) in new[] { (laptop, "Un tuto montage"), (phone, "Un débat") })
        {
            await browser.StartAsync();
            foreach (var turn in new[] { "/jai-partagé vendredi", shared, "Les raccourcis", "numérique", "3", "oui" }) await browser.SayAsync(turn);
            await browser.BotSaysAsync();
        }

        await laptop.SayAsync("/lier");
        var code = Shown().Match((await laptop.BotSaysAsync())[0]).Groups[1].Value;
        await phone.SayAsync($"/lier {code}");
        Assert.Equal(
        [
            "C'est relié ✅ Ici, je te reconnais comme sur ton autre appareil : tout ce que tu fais est au même endroit.",
            "J'ai regroupé ce que tu avais ici avec le reste : 1 séance.",
            "Tu avais noté une séance le vendredi 27 novembre 2026 des deux côtés : je garde les deux. Si c'est la même, dis-le à la conseillère.",
        ], await phone.BotSaysAsync());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var lea = await db.People.SingleAsync();
        Assert.Equal(["lea-laptop", "lea-phone"],
            (await db.ChannelIdentities.Where(i => i.PersonId == lea.Id).Select(i => i.ExternalId).ToListAsync()).Order());
        Assert.Equal(["Un débat", "Un tuto montage"], (await db.Contributions.Where(c => c.PersonId == lea.Id).Select(c => c.Shared).ToListAsync()).Order());
        Assert.True((await db.LinkCodes.SingleAsync()).UsedAt is not null);
    }

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Shown();
}
