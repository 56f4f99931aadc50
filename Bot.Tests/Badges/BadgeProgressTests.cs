using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Programme;
using Bot.Dialogs.SelfAssessment;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Badges;

/// <summary>The badge criteria, evaluated: pure, over the first trimester of the test calendar (1 September – 18 December 2026).</summary>
public class BadgeProgressTests
{
    private static readonly SchoolPeriod Term = TestCalendar.Trimesters[0];

    private static readonly BadgeDefinition Engagement = Badge(new() { MinSessions = 4, SelfAssessmentDone = true });
    private static readonly BadgeDefinition Digital =
        Badge(new() { MinSessions = 2, Domains = [ContributionDomain.DigitalSkills], MinLevel = 3 });

    internal static BadgeDefinition Badge(BadgeRequirements? requirements) =>
        new() { Id = "b", Name = "B", Description = "d", Criteria = "c", ClaimUrl = "https://openbadgefactory.com/x", Requirements = requirements };

    internal static Contribution Session(DateOnly day, ContributionDomain domain = ContributionDomain.Other, int level = 2) =>
        new() { SessionDate = day, Shared = "s", Learned = "l", Domain = domain, Level = level };

    private static TrimesterSelfAssessment Assessment(string trimester) => new() { Trimester = trimester, KnowHow = 2, SoftSkills = 2, Digital = 2, Civic = 2 };

    private static Contribution[] Fridays(int count) => [.. Enumerable.Range(0, count).Select(i => Session(new DateOnly(2026, 11, 27).AddDays(-7 * i)))];

    [Fact]
    public void AllRequirementsMet_AreEachTicked_AndTheBadgeIsMet()
    {
        var progress = BadgeProgress.Evaluate(Engagement, Term, Fridays(4), Assessment(Term.Name));
        Assert.Equal(["4 séances (il en faut 4) ✅", "bilan du trimestre : fait ✅"], progress.Checks.Select(c => c.Line));
        Assert.True(progress.HasRequirements);
        Assert.True(progress.AllMet);
    }

    [Fact]
    public void MissingSessionsAndSelfAssessment_SayWhatIsLeft_AndTheBadgeIsNotMet()
    {
        var progress = BadgeProgress.Evaluate(Badge(new() { MinSessions = 5, SelfAssessmentDone = true }), Term, Fridays(3), null);
        Assert.Equal(["3 séances sur 5 : encore 2", "bilan du trimestre : pas encore fait (écris /bilan)"], progress.Checks.Select(c => c.Line));
        Assert.False(progress.AllMet);
        Assert.Equal(2, progress.Checks[0].Missing);
    }

    [Fact]
    public void OnlySessionsInTheBadgesDomains_Count_AndTheLevelIsTheBestOfThose()
    {
        Contribution[] sessions =
        [
            Session(new(2026, 11, 27), ContributionDomain.DigitalSkills, level: 2),
            Session(new(2026, 11, 20), ContributionDomain.CivicEngagement, level: 4),
            Session(new(2026, 11, 13), ContributionDomain.Other, level: 4),
        ];
        var progress = BadgeProgress.Evaluate(Digital, Term, sessions, Assessment(Term.Name));
        Assert.Equal(
        [
            "1 séance en Compétences numériques sur 2 : encore 1",
            "au moins une séance en Compétences numériques au niveau 3 – Je sais faire : pas encore (ton meilleur : 2 – Je progresse)",
        ], progress.Checks.Select(c => c.Line));

        var better = BadgeProgress.Evaluate(Digital, Term, [.. sessions, Session(new(2026, 11, 6), ContributionDomain.DigitalSkills, level: 3)], null);
        Assert.Equal(
        [
            "2 séances en Compétences numériques (il en faut 2) ✅",
            "au moins une séance en Compétences numériques au niveau 3 – Je sais faire ✅",
        ], better.Checks.Select(c => c.Line));
        Assert.True(better.AllMet);
    }

    [Fact]
    public void ALevelWithNoCountedSession_IsNotMet()
    {
        var progress = BadgeProgress.Evaluate(Badge(new() { MinLevel = 1 }), Term, [], null);
        Assert.Equal(["au moins une séance au niveau 1 – Je découvre : pas encore"], progress.Checks.Select(c => c.Line));
        Assert.False(progress.AllMet);
    }

    [Fact]
    public void TheTrimestersFirstAndLastDays_Count_TheDaysAround_DoNot()
    {
        Contribution[] edges = [Session(Term.First), Session(Term.Last)];
        Contribution[] outside = [Session(Term.First.AddDays(-1)), Session(Term.Last.AddDays(1))];
        var badge = Badge(new() { MinSessions = 2 });
        Assert.True(BadgeProgress.Evaluate(badge, Term, edges, null).AllMet);
        var progress = BadgeProgress.Evaluate(badge, Term, [.. outside, edges[0]], null);
        Assert.Equal(1, progress.Checks[0].Have);
        Assert.False(progress.AllMet);
    }

    [Fact]
    public void ASelfAssessmentOfAnotherTrimester_IsNotThisOnes()
    {
        var progress = BadgeProgress.Evaluate(Badge(new() { SelfAssessmentDone = true }), Term, [], Assessment(TestCalendar.Trimesters[1].Name));
        Assert.Equal(["bilan du trimestre : pas encore fait (écris /bilan)"], progress.Checks.Select(c => c.Line));
    }

    [Fact]
    public void ABadgeWithProseOnly_HasNothingComputed()
    {
        Assert.False(BadgeProgress.Evaluate(Badge(null), Term, Fridays(5), null).HasRequirements);
        Assert.False(BadgeProgress.Evaluate(Badge(new()), Term, Fridays(5), null).HasRequirements);
    }
}

/// <summary>The criteria over what the database holds: a session moved or deleted changes the outcome.</summary>
public class PupilTrimesterTests : PupilConversationTests
{
    private static readonly BadgeDefinition TwoSessions = BadgeProgressTests.Badge(new() { MinSessions = 2, SelfAssessmentDone = true });

    private async Task<BadgeProgress> ProgressAsync()
    {
        var person = await Bot.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => !p.IsCounsellor));
        var trimester = await Bot.WithDbAsync(db => PupilTrimester.LoadAsync(db, person.Id, person.GroupId!.Value, TestCalendar.Trimesters[0], default));
        return trimester.Progress(TwoSessions);
    }

    private async Task LogAsync(string date)
    {
        foreach (var turn in new[] { $"/jai-partagé {date}", "Un atelier", "Des choses", "numérique", "2", "oui" }) await Bot.SayAsync(turn);
    }

    [Fact]
    public async Task TwoLoggedSessionsAndTheSelfAssessment_MeetTheBadge()
    {
        await LogAsync("vendredi");
        await LogAsync("20/11");
        foreach (var turn in new[] { "/bilan", "2", "2", "3", "1" }) await Bot.SayAsync(turn);
        var progress = await ProgressAsync();
        Assert.Equal(["2 séances (il en faut 2) ✅", "bilan du trimestre : fait ✅"], progress.Checks.Select(c => c.Line));
        Assert.True(progress.AllMet);
    }

    [Fact]
    public async Task ASessionMovedOutOfTheTrimester_OrDeleted_NoLongerCounts()
    {
        await LogAsync("vendredi");
        await LogAsync("20/11");
        Assert.Equal([2, 0], (await ProgressAsync()).Checks.Select(c => c.Have));

        await Bot.WithDbAsync(db => db.Contributions.Where(c => c.SessionDate == new DateOnly(2026, 11, 20))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SessionDate, new DateOnly(2026, 8, 31))));
        Assert.Equal("1 séance sur 2 : encore 1", (await ProgressAsync()).Checks[0].Line);

        await Bot.WithDbAsync(db => db.Contributions.Where(c => c.SessionDate == new DateOnly(2026, 8, 31))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SessionDate, new DateOnly(2026, 9, 1))));
        Assert.Equal(2, (await ProgressAsync()).Checks[0].Have);

        await Bot.WithDbAsync(db => db.Contributions.Where(c => c.SessionDate == new DateOnly(2026, 11, 27)).ExecuteDeleteAsync());
        Assert.Equal("1 séance sur 2 : encore 1", (await ProgressAsync()).Checks[0].Line);
    }

    [Fact]
    public async Task AnotherGroupsSessions_DoNotCount()
    {
        await LogAsync("vendredi");
        await LogAsync("20/11");
        var other = new Bot.Dialogs.Groups.Group { Slug = "lycee-curie", Name = "Lycée Curie", JoinCode = "CURIE-1234" };
        await Bot.WithDbAsync(db => { db.Groups.Add(other); return db.SaveChangesAsync(); });
        await Bot.WithDbAsync(db => db.Contributions.Where(c => c.SessionDate == new DateOnly(2026, 11, 20))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.GroupId, other.Id)));
        Assert.Equal(1, (await ProgressAsync()).Checks[0].Have);
    }
}
