using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;

namespace Bot.Tests.Linking;

/// <summary>"mes données" and "supprimer mes données" for a pupil linked on several channels.</summary>
public class LinkedMyDataTests : LinkingTests
{
    private async Task LinkedOnThreeChannelsAsync()
    {
        await LogSessionAsync("webchat", "lea-web");
        await DiscordAsync($"/lier {await CodeAsync("webchat", "lea-web")}");
        await TeamsAsync($"/lier {await CodeAsync("webchat", "lea-web")}");
    }

    [Fact]
    public async Task MesDonnees_ListsEveryLinkedIdentity_WithItsChannelInFrench()
    {
        await LinkedOnThreeChannelsAsync();
        var replies = await TeamsAsync("mes données");
        Assert.Equal(
            "Voici tout ce que je garde sur toi :\n\n" +
            "- tes identifiants, un par canal relié : lea-discord (Discord), lea-teams (Teams), lea-web (le chat du site)\n" +
            "- ton nom, tel que le chat me l'a donné : Léa\n" +
            "- ton groupe : Peer to Peer\n" +
            "- 1 séance notée :\n" +
            "  - vendredi 27 novembre 2026 : Compétences numériques, niveau 3 ; partagé « Un tuto montage » ; appris « Les raccourcis »\n" +
            "- aucune demande de badge\n" +
            "- nos conversations, sur chacun de ces canaux\n\nLe fichier ci-dessous contient tout ça.", replies[0]);

        var json = JsonNode.Parse(Assert.IsType<FileReply>(Bot.LastReplies[1]).Content)!;
        Assert.Equal(["discord Discord lea-discord", "teams Teams lea-teams", "webchat le chat du site lea-web"],
            json["identifiants"]!.AsArray().Select(i => $"{i!["canal"]} {i["nomDuCanal"]} {i["identifiant"]}"));
    }

    [Fact]
    public async Task SupprimerMesDonnees_SaysItIsForEveryLinkedChannel()
    {
        await LinkedOnThreeChannelsAsync();
        Assert.Equal(
        [
            "Ça vaut pour tous tes comptes reliés : Discord, Teams et le chat du site.",
            "Tu es sûr ? J'effacerai tout ce que je sais de toi : tes séances, tes demandes de badge, " +
            "où tu en es dans le guide du compte et nos conversations. " +
            "On ne pourra pas revenir en arrière. [Oui, tout effacer | Non, je garde tout]",
        ], await WebChatAsync("supprimer mes données"));
    }
}
