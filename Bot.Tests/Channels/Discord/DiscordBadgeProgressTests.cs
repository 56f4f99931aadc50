using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Discord;

/// <summary>The badge criteria through Discord's mapping: the pupil's progress in the interaction's answer, the check in /demandes' follow-up.</summary>
public class DiscordBadgeProgressTests : FakeDiscordApp
{
    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    private static IEnumerable<string> ButtonIds(JsonObject response) =>
        (response["data"]!["components"] as JsonArray ?? []).SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>());

    [Fact]
    public async Task Badges_ShowsWhereThePupilStands_AndDemandesTheCheck()
    {
        var lea = new DiscordClient(Http, Key);
        await lea.CommandAsync("jai-partagé");
        await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "vendredi", ["shared"] = "Un tuto Canva", ["learned"] = "Plein de choses", ["domain"] = "domain:DigitalSkills", ["level"] = "level:1",
        });
        Assert.StartsWith("C'est enregistré ✅", Content(await lea.ClickAsync("recap:yes")));

        var badges = Content(await lea.CommandAsync("badges"));
        Assert.Contains("**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance sur 4 : encore 3\n" +
            "- bilan du trimestre : pas encore fait (écris /bilan)", badges);
        Assert.Contains(
            "- au moins une séance en Compétences numériques au niveau 2 – Je progresse : pas encore (ton meilleur : 1 – Je découvre)", badges);

        var asked = await lea.ClickAsync("badge:competences-numeriques");
        Assert.StartsWith("Il te manque encore 1 séance en Compétences numériques, le niveau 2 – Je progresse et ton bilan du trimestre, " +
            "mais tu peux quand même demander ce badge : la conseillère décidera.\n\nTu veux ajouter un petit mot", Content(asked));
        Assert.Contains("badge:nomessage", ButtonIds(asked));
        await lea.ClickAsync("badge:nomessage");

        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.CommandAsync("aide"); // past her welcome
        await counsellor.CommandAsync("demandes");
        for (var i = 0; i < 100 && !Discord.Calls.Any(c => c.Path == "webhooks/1300000000000000000/token"); i++) await Task.Delay(50);
        var request = Discord.Calls.Single(c => c.Path == "webhooks/1300000000000000000/token").Json!["content"]!.GetValue<string>();
        Assert.StartsWith("**Léa** demande le badge « Reconnaissance & valorisation – Compétences numériques »", request);
        Assert.EndsWith("\n\nCritères : 1 séance en Compétences numériques sur 2 ❌, niveau 2 en Compétences numériques pas atteint ❌, " +
            "bilan pas fait ❌", request);
    }
}
