using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Teams;

/// <summary>/mes-séances on Teams (issue 16, point 4): hero card buttons, the session's Adaptive Card filled in to correct it.</summary>
public sealed class TeamsMySessionsTests
{
    private static List<string> ChoiceIds(JsonNode reply) =>
        [.. (reply["attachments"]![0]!["content"]!["buttons"] as JsonArray ?? []).Select(b => b!["value"]!["choiceId"]!.GetValue<string>())];

    private static string Text(JsonNode reply) => reply["text"]?.GetValue<string>() ?? TeamsClient.CardContent(reply)!["text"]!.GetValue<string>();

    [Fact]
    public async Task ASession_IsListed_CorrectedThroughTheCard_ThenDeleted()
    {
        await using var teams = await TeamsApp.StartAsync();
        var lea = new TeamsClient(teams.Http, teams.Connector, "aad-lea", "Léa", "a:conv-1");
        await lea.SayAsync("jai-partagé");
        await lea.SayAsync(null, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse",
            ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        await lea.SayAsync("Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" });
        Guid id;
        using (var scope = teams.App.Services.CreateScope())
            id = (await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync()).Id;

        await lea.SayAsync("mes-séances");
        Assert.Contains($"start:mysessions:show:{id:N}", ChoiceIds(lea.Replies.Last()));
        await lea.SayAsync("1 · Vendredi 27 novembre", new JsonObject { ["choiceId"] = $"start:mysessions:show:{id:N}" });
        Assert.Equal([$"start:contribution:edit:{id:N}", $"start:mysessions:delete:{id:N}", "start:mysessions"], ChoiceIds(lea.Replies.Last()));

        await lea.SayAsync("Corriger", new JsonObject { ["choiceId"] = $"start:contribution:edit:{id:N}" });
        var card = lea.Replies.Last()["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Contains("Un atelier vinyle", card["content"]!.ToJsonString());
        await lea.SayAsync(null, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse et le fer à repasser",
            ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        Assert.Contains("La découpeuse et le fer à repasser", Text(lea.Replies.Last()));
        await lea.SayAsync("Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" });
        Assert.StartsWith("C'est modifié ✅", Text(lea.Replies.Last()));

        await lea.SayAsync("Supprimer", new JsonObject { ["choiceId"] = $"start:mysessions:delete:{id:N}" });
        Assert.Equal(["mysessions:delete:yes", "mysessions:delete:no"], ChoiceIds(lea.Replies.Last()));
        await lea.SayAsync("Oui, supprimer", new JsonObject { ["choiceId"] = "mysessions:delete:yes" });
        Assert.StartsWith("C'est supprimé 🗑️", Text(lea.Replies.Last()));
        using (var scope = teams.App.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.CountAsync());
    }
}
