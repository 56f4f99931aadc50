using Bot.Tests.Support;

namespace Bot.Tests.Engine;

/// <summary>The help and the counsellor's welcome list the commands the dialogs declare.</summary>
public class CommandHelpTests
{
    private const string Menu = "[Noter ma séance | Créer mon compte | Les badges | QR code de mon badge | Mes données | Une question]";

    [Fact]
    public async Task Aide_OutsideADialog_ListsWhatAPupilCanType()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("bonjour");
        Assert.Equal(
        [
            "Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.",
            "Voici ce que tu peux m'écrire :\n\n" +
            "- **/jai-partagé** : noter ce que tu as partagé et appris à la séance du vendredi\n" +
            "- **/mes-séances** : revoir, corriger ou supprimer tes séances du trimestre\n" +
            "- **/mon-trimestre** : ton trimestre en quelques lignes (séances, niveaux, badges)\n" +
            "- **/compte** : créer ton compte Open Badge Passport, étape par étape\n" +
            "- **/badges** : les badges du Peer to Peer, et en demander un\n" +
            "- **/qr** lien : le QR code de ton badge pour ton CV\n" +
            "- **/mes-donnees** : voir ou effacer ce que le bot garde sur toi\n" +
            "- **/bilan** : faire ton bilan de fin de trimestre\n" +
            "- **/rejoindre** (code) : rejoindre ton groupe Peer to Peer avec son code\n" +
            "- **/lier** (code) : relier tes comptes (chat du site, Discord, Teams) avec un code\n" +
            "- **/délier** : détacher ce canal de tes autres comptes\n" +
            "- **/aide** : ce que le bot sait faire\n\n" +
            $"Tu peux aussi me poser une question avec tes mots. {Menu}",
        ], await bot.SayAsync("aide"));
    }

    [Fact]
    public async Task Aide_ListsEveryPupilCommand_AndNoCounsellorOne()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("bonjour");
        var help = (await bot.SayAsync("aide"))[1];
        foreach (var command in TestCommands.Pupils) Assert.Contains($"**/{command.Name}**", help);
        foreach (var command in TestCommands.Counsellors) Assert.DoesNotContain($"/{command.Name}", help);
    }

    [Fact]
    public async Task ACounsellor_IsWelcomedWithHerCommands()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        var welcome = (await bot.CounsellorSaysAsync("bonjour"))[0];
        Assert.Equal(
            "Bonjour ! Je suis l'assistant Peer to Peer de l'Espace Info Jeunes. Vous êtes reconnue comme conseillère. Vos commandes :\n\n" +
            "- **/suivi** : le trimestre en un coup d'œil\n" +
            "- **/eleve** nom : le trimestre d'un élève\n" +
            "- **/demandes** : les demandes de badge à valider\n" +
            "- **/export** : le trimestre en tableau (CSV)\n" +
            "- **/clore** : clore le bilan du trimestre (les élèves ne corrigent plus leurs séances)\n" +
            "- **/groupe** : choisir le groupe que vous suivez, voir son code et son affiche\n" +
            "- **/aide** : ce que le bot sait faire", welcome);
        foreach (var command in TestCommands.Counsellors) Assert.Contains($"**/{command.Name}**", welcome);
    }

    [Fact]
    public async Task Aide_ToACounsellor_ListsHerCommands_ThenThePupils()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.CounsellorSaysAsync("bonjour");
        var help = (await bot.CounsellorSaysAsync("aide"))[1];
        Assert.StartsWith("Vos commandes :\n\n- **/suivi** : le trimestre en un coup d'œil\n", help);
        Assert.EndsWith("Celles des élèves : /jai-partagé, /mes-séances, /mon-trimestre, /compte, /badges, /qr, /mes-donnees, /bilan, /rejoindre, " +
            "/lier, /délier. " +
            "[Suivi du trimestre | Noter ma séance | Créer mon compte | Les badges | QR code de mon badge | Mes données | Une question]", help);
        foreach (var command in TestCommands.Catalog.All) Assert.Contains($"/{command.Name}", help);
    }
}
