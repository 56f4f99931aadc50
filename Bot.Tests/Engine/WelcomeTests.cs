using Bot.Tests.Support;

namespace Bot.Tests.Engine;

public class WelcomeTests
{
    private const string Menu = "[Noter ma séance | Créer mon compte | Les badges | QR code de mon badge | Mes données | Une question]";

    [Fact]
    public async Task AFirstContact_IsWelcomed_WithWhatTheBotKeepsAndTheMenu()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        Assert.Equal(
        [
            "Salut ! 👋 Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.",
            "Je garde ton identifiant sur ce chat et ce que tu me racontes de tes séances, pour que la conseillère puisse faire le bilan du trimestre avec toi. " +
            "Tu peux tout voir ou tout effacer quand tu veux : écris « mes données ».",
            $"Voilà ce que je peux faire pour toi : {Menu}",
        ], await bot.SayAsync("yo"));
        // Only once.
        Assert.Equal([$"Voilà ce que je peux faire pour toi : {Menu}"], await bot.SayAsync("salut"));
    }

    [Fact]
    public async Task AFirstContactWithACommand_IsWelcomed_ThenServed()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        var replies = await bot.SayAsync("/jai-partagé");
        Assert.StartsWith("Salut ! 👋", replies[0]);
        Assert.StartsWith("Super, on note ta séance", replies[2]);
    }

    [Fact]
    public async Task AFirstContactWithAQuestion_IsWelcomed_ThenAnswered()
    {
        await using var newcomer = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        var replies = await newcomer.SayAsync("c'est quoi un open badge ?");
        await using var regular = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await regular.SayAsync("bonjour");
        var answer = await regular.SayAsync("c'est quoi un open badge ?");
        Assert.StartsWith("Salut ! 👋", replies[0]);
        Assert.Equal(answer, replies[2..]);
    }

    [Theory]
    [InlineData("menu")]
    [InlineData("aide")]
    public async Task MenuAndAide_ShowTheMenuAtAnyTime(string word)
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("bonjour");
        var replies = await bot.SayAsync(word);
        Assert.Equal("Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.", replies[0]);
        Assert.EndsWith(Menu, replies[1]);
    }
}
