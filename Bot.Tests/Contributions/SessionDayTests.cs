using Bot.Dialogs.Contributions;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Contributions;

/// <summary>
/// A session logged on a day that is not the group's session day is confirmed first, with the nearest session day
/// offered (issue 16, point 3). Today is Sunday 29 November 2026; the group meets on Fridays unless said otherwise.
/// </summary>
public class SessionDayTests : PupilConversationTests
{
    private const string SharedQuestion = "Qu'est-ce que tu as partagé avec le groupe ? Une idée, un savoir-faire, un projet… raconte en quelques mots.";
    private const string DateQuestion = "C'était quelle séance ? Choisis la date, ou écris-la (par exemple « hier » ou « 20/11 »). [Vendredi 27 " +
        "novembre | Vendredi 20 novembre | Tout remplir d'un coup]";
    private const string ConfirmSaturday =
        "Les séances ont lieu le vendredi : c'était bien samedi 28 novembre ? [Oui, samedi 28 novembre | Vendredi 27 novembre | Une autre date]";

    private Task<List<Contribution>> SavedAsync() => Bot.WithDbAsync(db => db.Contributions.AsNoTracking().ToListAsync());

    private async Task FinishAsync()
    {
        await Bot.SayAsync("Un tuto Canva");
        await Bot.SayAsync("Faire un podcast");
        await Bot.ClickAsync("domain:DigitalSkills", "Compétences numériques");
        await Bot.SayAsync("3");
        await Bot.SayAsync("oui");
    }

    [Fact]
    public async Task YesterdayOnASunday_IsAsked_AndKeptWhenThePupilSaysYes()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal([ConfirmSaturday], await Bot.SayAsync("hier soir"));
        Assert.Equal([SharedQuestion], await Bot.SayAsync("oui"));
        await FinishAsync();
        Assert.Equal(new DateOnly(2026, 11, 28), Assert.Single(await SavedAsync()).SessionDate);
    }

    [Fact]
    public async Task TheNearestSessionDay_IsOneClickAway()
    {
        await Bot.SayAsync("/jai-partagé hier");
        Assert.Equal([SharedQuestion], await Bot.ClickAsync("date:2026-11-27", "Vendredi 27 novembre"));
        await FinishAsync();
        Assert.Equal(new DateOnly(2026, 11, 27), Assert.Single(await SavedAsync()).SessionDate);
    }

    [Fact]
    public async Task No_AsksTheDateAgain_AndAnotherTypedDateIsReadAtOnce()
    {
        await Bot.SayAsync("/jai-partagé");
        await Bot.SayAsync("hier");
        Assert.Equal([DateQuestion], await Bot.SayAsync("non"));
        await Bot.SayAsync("hier");
        Assert.Equal(["📅 Séance du vendredi 20 novembre 2026.", SharedQuestion], await Bot.SayAsync("non c'était le 20/11"));
    }

    [Fact]
    public async Task ASessionDay_IsNotQuestioned()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(["📅 Séance du vendredi 27 novembre 2026.", SharedQuestion], await Bot.SayAsync("vendredi"));
    }

    [Fact]
    public async Task TheFormsDate_IsConfirmedToo()
    {
        await Bot.SayAsync("/jai-partagé");
        var replies = await Bot.SubmitAsync(ContributionDialog.DialogName, new()
        {
            ["date"] = "2026-11-25", ["shared"] = "Un tuto", ["learned"] = "Un podcast", ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        Assert.Equal(
            ["Les séances ont lieu le vendredi : c'était bien mercredi 25 novembre ? [Oui, mercredi 25 novembre | Vendredi 27 novembre | Une autre date]"],
            replies);
        var recap = Assert.Single(await Bot.SayAsync("oui c'est ça"));
        Assert.Contains("**Date :** mercredi 25 novembre 2026", recap);
    }

    [Fact]
    public async Task TheGroupsOwnSessionDay_IsTheOneChecked()
    {
        await Bot.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Slug == GroupDirectory.FirstGroupSlug);
            group.SessionDay = DayOfWeek.Wednesday;
            await db.SaveChangesAsync();
        });
        Assert.Contains("[Mercredi 25 novembre | Mercredi 18 novembre | Tout remplir d'un coup]", Assert.Single(await Bot.SayAsync("/jai-partagé"),
            s => s.StartsWith("C'était")));
        Assert.Equal(
            ["Les séances ont lieu le mercredi : c'était bien vendredi 27 novembre ? [Oui, vendredi 27 novembre | Mercredi 25 novembre | Une autre date]"],
            await Bot.SayAsync("vendredi"));
        Assert.Equal(["📅 Séance du mercredi 25 novembre 2026.", SharedQuestion], await Bot.SayAsync("mercredi"));
    }
}
