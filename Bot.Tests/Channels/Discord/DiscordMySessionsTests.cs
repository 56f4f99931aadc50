using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace Bot.Tests.Channels.Discord;

/// <summary>/mes-séances on Discord (issue 16, point 4): the generic buttons become components, correcting reopens the modal filled in.</summary>
public sealed class DiscordMySessionsTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly Key _key = DiscordClient.NewKey();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public DiscordMySessionsTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(_key));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _key.Dispose();
        _database.Dispose();
    }

    private async Task<T> WithDbAsync<T>(Func<StoreDbContext, Task<T>> query)
    {
        using var scope = _app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    private static List<string> ButtonIds(JsonObject response) =>
        [.. (response["data"]!["components"] as JsonArray ?? []).SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>())];

    private static string Field(JsonObject modal, int index) => modal["data"]!["components"]![index]!["component"]!["value"]!.GetValue<string>();

    [Fact]
    public async Task ASession_IsListed_CorrectedThroughTheModal_ThenDeleted()
    {
        var lea = new DiscordClient(_http, _key);
        await lea.CommandAsync("jai-partagé");
        await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "vendredi 27 novembre 2026", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse",
            ["domain"] = "domain:DigitalSkills", ["level"] = "level:3",
        });
        await lea.ClickAsync("recap:yes");
        var id = (await WithDbAsync(db => db.Contributions.SingleAsync())).Id;

        var list = await lea.CommandAsync("mes-séances");
        Assert.Contains("1. **vendredi 27 novembre 2026** · Compétences numériques, niveau 3", Content(list));
        Assert.Equal([$"start:mysessions:show:{id:N}", "mysessions:none", "answer"], ButtonIds(list));

        var shown = await lea.ClickAsync($"start:mysessions:show:{id:N}");
        Assert.Contains("Tu veux la corriger ou la supprimer ?", Content(shown));
        Assert.Equal([$"start:contribution:edit:{id:N}", $"start:mysessions:delete:{id:N}", "start:mysessions", "answer"], ButtonIds(shown));

        // Discord prefers forms: correcting opens the session's modal, every field as saved.
        var modal = await lea.ClickAsync($"start:contribution:edit:{id:N}");
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        Assert.Equal(["vendredi 27 novembre 2026", "Un atelier vinyle", "La découpeuse"], new[] { Field(modal, 0), Field(modal, 1), Field(modal, 2) });
        var recap = await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "vendredi 27 novembre 2026", ["shared"] = "Un atelier vinyle et des stickers", ["learned"] = "La découpeuse",
            ["domain"] = "domain:DigitalSkills", ["level"] = "level:4",
        });
        Assert.Contains("- **Ton niveau :** 4 – Je peux transmettre", Content(recap));
        Assert.StartsWith("C'est modifié ✅", Content(await lea.ClickAsync("recap:yes")));
        var changed = await WithDbAsync(db => db.Contributions.SingleAsync());
        Assert.Equal((id, "Un atelier vinyle et des stickers", 4), (changed.Id, changed.Shared, changed.Level));

        var confirm = await lea.ClickAsync($"start:mysessions:delete:{id:N}");
        Assert.StartsWith("Tu veux vraiment supprimer ta séance du vendredi 27 novembre 2026 ?", Content(confirm));
        Assert.Equal(["mysessions:delete:yes", "mysessions:delete:no", "answer"], ButtonIds(confirm));
        Assert.StartsWith("C'est supprimé 🗑️", Content(await lea.ClickAsync("mysessions:delete:yes")));
        Assert.Equal(0, await WithDbAsync(db => db.Contributions.CountAsync()));
    }
}
