using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Contributions;

/// <summary>
/// The pupil's side over Direct Line on the real app (issue 16, points 3, 4 and 6): a Sunday confirmed, the session
/// corrected and deleted through /mes-séances, and /mon-trimestre, on Monday 30 November 2026.
/// </summary>
public sealed class PupilSideWebChatTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public PupilSideWebChatTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Monday));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ASundayIsConfirmed_ThenCorrectedToTheFriday_SummedUp_AndDeleted()
    {
        var lea = new DirectLineClient(_http, "lea");
        await lea.StartAsync();
        await lea.SayAsync("/jai-partagé");
        await lea.BotSaysAsync();
        await lea.SayAsync("hier soir");
        Assert.Equal(
            ["Les séances ont lieu le vendredi : c'était bien dimanche 29 novembre ?"],
            (await lea.BotSaysAsync()).Select(t => t.Split(" [")[0]));
        await lea.ClickAsync("daycheck:keep", "Oui, dimanche 29 novembre");
        await lea.SayAsync("Un débat");
        await lea.SayAsync("Écouter");
        await lea.ClickAsync("domain:CivicEngagement", "Engagement citoyen");
        await lea.ClickAsync("level:2", "2 · Je progresse");
        await lea.ClickAsync("recap:yes", "Oui, j'enregistre");
        Guid id;
        using (var scope = _app.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync();
            Assert.Equal(new DateOnly(2026, 11, 29), saved.SessionDate);
            id = saved.Id;
        }
        await lea.BotSaysAsync();

        await lea.SayAsync("/mes-séances");
        Assert.Contains("1. **dimanche 29 novembre 2026** · Engagement citoyen, niveau 2", string.Join("\n", await lea.BotSaysAsync()));
        await lea.ClickAsync($"start:contribution:edit:{id:N}", "Corriger");
        await lea.ClickAsync("edit:date", "La date");
        await lea.ClickAsync("date:2026-11-27", "Vendredi 27 novembre");
        await lea.ClickAsync("recap:yes", "Oui, j'enregistre");
        Assert.Contains(await lea.BotSaysAsync(), t => t.StartsWith("C'est modifié ✅", StringComparison.Ordinal));

        await lea.SayAsync("/mon-trimestre");
        Assert.Contains("- 1 séance notée : 27/11\n", string.Join("\n", await lea.BotSaysAsync()));

        await lea.ClickAsync($"start:mysessions:delete:{id:N}", "Supprimer");
        await lea.ClickAsync("mysessions:delete:yes", "Oui, supprimer");
        Assert.Contains(await lea.BotSaysAsync(), t => t.StartsWith("C'est supprimé 🗑️", StringComparison.Ordinal));
        using (var scope = _app.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.CountAsync());
    }
}
