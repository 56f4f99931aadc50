using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Badges;

/// <summary>The badge criteria over the real web chat, with the shipped catalogue (appsettings.json), on Sunday 29 November 2026.</summary>
public class WebChatBadgeProgressTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ThePupilSeesWhereSheStands_AsksAnyway_AndTheCounsellorSeesTheCheck()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "bonjour", "/jai-partagé vendredi", "Un tuto Canva", "Plein de choses", "numérique", "2", "oui" })
            await lea.SayAsync(turn);
        await lea.PollAsync();

        await lea.SayAsync("/badges");
        var badges = await lea.BotSaysAsync();
        Assert.EndsWith("**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance sur 4 : encore 3\n- bilan du trimestre : pas encore fait (écris /bilan)",
            badges[1]);
        Assert.EndsWith("**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance en Compétences numériques sur 2 : encore 1\n" +
            "- au moins une séance en Compétences numériques au niveau 2 – Je progresse ✅\n" +
            "- bilan du trimestre : pas encore fait (écris /bilan)", badges[2]);

        await lea.ClickAsync("badge:engagement-citoyen", "Demander : Engagement citoyen");
        var asked = await lea.BotSaysAsync();
        Assert.Equal(
            "Il te manque encore 3 séances et ton bilan du trimestre, mais tu peux quand même demander ce badge : la conseillère décidera.",
            asked[0]);
        Assert.StartsWith("Tu veux ajouter un petit mot pour la conseillère ?", asked[1]);
        await lea.ClickAsync("badge:nomessage", "Sans message");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>();
            Assert.Equal("engagement-citoyen", await db.BadgeRequests.Select(r => r.BadgeId).SingleAsync());
        }

        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/demandes");
        var request = (await counsellor.PollAsync()).Last()!["text"]!.GetValue<string>();
        Assert.StartsWith("**lea** demande le badge « Reconnaissance & valorisation – Engagement citoyen »", request);
        Assert.EndsWith("\n\nCritères : 1 séance sur 4 ❌, bilan pas fait ❌", request);
    }
}
