using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Engine;

/// <summary>The commands the dialogs declare: what every channel and the help are generated from.</summary>
public class CommandCatalogTests
{
    private sealed class FakeDialog(bool counsellorOnly, params CommandDeclaration[] commands) : IDialog
    {
        public string Name => "fake";
        public string StartChoiceId => "start:fake";
        public string MenuLabel => "";
        public bool CounsellorOnly => counsellorOnly;
        public IReadOnlyList<CommandDeclaration> Commands => commands;
        public bool TryStart(string folded, bool dialogActive, out string? args) { args = null; return false; }
        public Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct) => Task.FromResult(StepOutcome.Understood);
        public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Understood);
        public void Reprompt(TurnContext context) { }
        public string Help(TurnContext context) => "";
    }

    [Fact]
    public void TheCatalogue_HoldsTheDialogsCommands_InTheOrderOfTheMenu_ThenAide()
    {
        Assert.Equal([
            "jai-partagé", "mes-séances", "mon-trimestre", "compte", "badges", "qr", "mes-donnees", "suivi", "eleve", "demandes", "export", "clore", "bilan",
            "rejoindre", "lier", "délier",
            "groupe", "aide",
        ],
            TestCommands.Catalog.All.Select(c => c.Name));
    }

    [Fact]
    public async Task EveryDeclaredCommand_StartsItsDialog_WhenTypedAfterASlash()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await using var scope = bot.Services.CreateAsyncScope();
        var dialogs = scope.ServiceProvider.GetServices<IDialog>().ToList();
        Assert.NotEmpty(dialogs.SelectMany(d => d.Commands));
        foreach (var dialog in dialogs)
        {
            foreach (var command in dialog.Commands)
            {
                var typed = "/" + command.Name + (command.Argument is null ? "" : " léa");
                Assert.True(dialog.TryStart(TextNormalizer.Fold(typed), dialogActive: false, out _), $"{typed} does not start {dialog.Name}");
                Assert.True(dialog.TryStart(TextNormalizer.Fold(typed), dialogActive: true, out _), $"{typed} does not start {dialog.Name} during another");
            }
        }
    }

    [Fact]
    public async Task Aide_TypedAfterASlash_IsTheEnginesHelp()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("bonjour");
        foreach (var command in CommandCatalog.EngineCommands)
            Assert.Equal("Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.", (await bot.SayAsync("/" + command.Name))[0]);
    }

    [Fact]
    public void ACommandThatDisagreesWithItsDialogOnCounsellors_StopsTheStart()
    {
        var pupilCommandInCounsellorDialog =
            new FakeDialog(counsellorOnly: true, new CommandDeclaration("bilan-classe", "Le bilan", "class-review", "The review"));
        var error = Assert.Throws<InvalidOperationException>(() => new CommandCatalog([pupilCommandInCounsellorDialog]));
        Assert.Contains("/bilan-classe", error.Message);
    }

    [Fact]
    public void ACommandDeclaredTwice_StopsTheStart_EvenSpelledWithoutItsAccent()
    {
        var first = new FakeDialog(false, new CommandDeclaration("résumé", "Un résumé", "summary", "A summary"));
        var second = new FakeDialog(false, new CommandDeclaration("resume", "Un autre", "summary-2", "Another"));
        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([first, second]));
    }
}
