using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Engine;

public class DialogEngineTests
{
    /// <summary>A dialog that fails on its second turn, as a bug would.</summary>
    private sealed class FaultyDialog : IDialog
    {
        public string Name => "faulty";
        public string StartChoiceId => "start:faulty";
        public string MenuLabel => "Test";
        public bool TryStart(string folded, bool dialogActive, out string? args) { args = null; return folded == "/panne"; }
        public Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct) { context.Say("Vas-y."); return Task.FromResult(StepOutcome.Understood); }
        public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => throw new InvalidOperationException("secret detail");
        public void Reprompt(TurnContext context) { }
        public string Help(TurnContext context) => "";
    }

    [Fact]
    public async Task AnExceptionInATurn_GivesAnApology_AndACleanState()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), s => s.AddScoped<IDialog, FaultyDialog>());
        await bot.SayAsync("/panne");
        var replies = await bot.SayAsync("boum");

        Assert.Equal(["Oups, j'ai eu un souci de mon côté 😕 Ce que tu étais en train de remplir n'a pas été enregistré. Tu peux recommencer."], replies);
        Assert.DoesNotContain(replies, r => r.Contains("secret detail") || r.Contains("Exception"));
        Assert.Equal("{}", await bot.WithDbAsync(db => db.Conversations.Select(c => c.State).SingleAsync()));
        // The conversation goes on normally afterwards.
        Assert.StartsWith("Super, on note ta séance", (await bot.SayAsync("/jai-partagé"))[0]);
    }

    [Fact]
    public async Task StateIsStoredBetweenTurns_SoAnotherScopeOrInstanceTakesTheNextTurn()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("/jai-partagé vendredi");
        var state = await bot.WithDbAsync(db => db.Conversations.Select(c => c.State).SingleAsync());
        Assert.Contains("\"Dialog\":\"contribution\"", state);
        Assert.Contains("\"Step\":\"Shared\"", state);
        Assert.Contains("\"Date\":\"2026-11-27\"", state);
    }

    [Fact]
    public async Task AStaleButton_IsAnsweredWithTheCurrentQuestion()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("/jai-partagé vendredi");
        var replies = await bot.ClickAsync("recap:yes", "Oui, j'enregistre");
        // At the "shared" step a click is just text: it is taken as the answer, and nothing is saved yet.
        Assert.Equal(["Et qu'est-ce que tu as appris avec les autres ?"], replies);
        Assert.Equal(0, await bot.WithDbAsync(db => db.Contributions.CountAsync()));
    }

    [Fact]
    public async Task TheSamePersonIsFoundAgain_ByTheirChannelIdentity()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("bonjour");
        await bot.SayAsync("aide");
        Assert.Equal(1, await bot.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal("Léa", await bot.WithDbAsync(db => db.People.Select(p => p.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task TwoTurnsRacingOnOneConversation_CannotBothSave()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.SayAsync("/jai-partagé vendredi");
        // Two instances load the same version of the state; the second save must fail, not overwrite.
        await bot.WithDbAsync(async first => await bot.WithDbAsync(async second =>
        {
            var a = await first.Conversations.SingleAsync();
            var b = await second.Conversations.SingleAsync();
            a.State = "{}"; a.Version++;
            b.State = "{}"; b.Version++;
            await first.SaveChangesAsync();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        }));
    }
}
