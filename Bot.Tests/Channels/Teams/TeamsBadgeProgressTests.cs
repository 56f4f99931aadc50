using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Teams;

/// <summary>The badge criteria through Teams' mapping: the pupil's progress in her chat, the check on each request's card.</summary>
public class TeamsBadgeProgressTests : IAsyncLifetime
{
    private TeamsApp _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsApp.StartAsync(new Dictionary<string, string> { ["Teams:CounsellorIds:0"] = "aad-martin" });

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    /// <summary>What one turn of the client made the bot say: a message's text, or its card's.</summary>
    private static async Task<List<string>> TurnAsync(TeamsClient client, string? text, JsonObject? value = null)
    {
        var before = client.Replies.Count;
        await client.SayAsync(text, value);
        return [.. client.Replies.Skip(before).Select(r => r["text"]?.GetValue<string>() ?? TeamsClient.CardContent(r)?["text"]?.GetValue<string>()
            ?? TeamsClient.CardContent(r)?["body"]?[0]?["text"]?.GetValue<string>() ?? "")];
    }

    [Fact]
    public async Task Badges_ShowsWhereThePupilStands_AndEachRequestsCardTheCheck()
    {
        var lea = _teams.Client("aad-lea", "Léa", "a:conv-lea");
        await lea.SayAsync("jai-partagé");
        await lea.SayAsync(null, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-27", ["shared"] = "Un débat", ["learned"] = "Écouter",
            ["domain"] = "domain:CivicEngagement", ["level"] = "level:3",
        });
        await lea.SayAsync("Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" });

        var badges = await TurnAsync(lea, "badges");
        const string Civic =
            "**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance sur 4 : encore 3\n- bilan du trimestre : pas encore fait (écris /bilan)";
        Assert.Contains(badges, t => t.EndsWith(Civic, StringComparison.Ordinal));
        Assert.Contains(badges, t => t.Contains("- 0 séance en Compétences numériques sur 2 : encore 2\n", StringComparison.Ordinal));

        var asked = await TurnAsync(lea, "Demander", new JsonObject { ["choiceId"] = "badge:engagement-citoyen" });
        Assert.Equal(
            "Il te manque encore 3 séances et ton bilan du trimestre, mais tu peux quand même demander ce badge : la conseillère décidera.",
            asked[0]);
        Assert.StartsWith("Tu veux ajouter un petit mot pour la conseillère ?", asked[^1]);
        await lea.SayAsync("Sans message", new JsonObject { ["choiceId"] = "badge:nomessage" });

        var counsellor = _teams.Client("aad-martin", "Mme Martin", "a:conv-martin");
        var cards = await TurnAsync(counsellor, "demandes");
        var request = Assert.Single(cards, t => t.Contains("demande le badge", StringComparison.Ordinal));
        Assert.StartsWith("**Léa** demande le badge « Reconnaissance & valorisation – Engagement citoyen »", request);
        Assert.EndsWith("\n\nCritères : 1 séance sur 4 ❌, bilan pas fait ❌", request);
    }
}
