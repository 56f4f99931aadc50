using Bot.Dialogs.Reminders;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Groups;

/// <summary>Each group's reminders at its own session time, and its nudges by its own zone's calendar.</summary>
public class GroupScheduleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private TwoGroups _two = null!;

    public async Task InitializeAsync() => _two = await TwoGroups.StartAsync(_clock);

    public async Task DisposeAsync() => await _two.DisposeAsync();

    private async Task<T> WithMessagesAsync<T>(Func<ProactiveMessages, Task<T>> use)
    {
        await using var scope = _two.Bot.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ProactiveMessages>());
    }

    private Task<IReadOnlyList<Guid>> DueAtAsync(int month, int day, int hour, int minute)
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1))); // Paris, winter time
        return WithMessagesAsync(m => m.GroupsToRemindAsync(default));
    }

    [Fact]
    public async Task EachGroup_IsRemindedOnceItsOwnSessionIsOver_Once()
    {
        Assert.Empty(await DueAtAsync(12, 4, 15, 25)); // Friday 15:25: both sessions still going
        Assert.Equal([_two.Lycee.Id], await DueAtAsync(12, 4, 15, 35)); // the lycée's ended at 15:30
        Assert.Empty(await DueAtAsync(12, 4, 16, 55));
        Assert.Equal([_two.College.Id], await DueAtAsync(12, 4, 17, 5)); // the collège's at 17:00
        Assert.Empty(await DueAtAsync(12, 4, 17, 10)); // each planned once

        var today = new DateOnly(2026, 12, 4);
        var lycee = await WithMessagesAsync(m => m.SessionReminderRecipientsAsync(_two.Lycee.Id, today, default));
        var college = await WithMessagesAsync(m => m.SessionReminderRecipientsAsync(_two.College.Id, today, default));
        var names = await _two.Bot.WithDbAsync(db => Task.FromResult(db.People.ToDictionary(p => p.Id, p => p.DisplayName)));
        Assert.Equal(["Tom"], lycee.Select(id => names[id]));
        Assert.Equal(["Léa"], college.Select(id => names[id]));
    }

    [Fact]
    public async Task AGroupInItsHolidays_IsNotReminded_WhileAnotherZoneIsAtSchool()
    {
        // Friday 9 April 2027: the lycée (zone C) is on its spring holidays, the collège (zone B) at school.
        _clock.SetUtcNow(new DateTimeOffset(2027, 4, 9, 17, 5, 0, TimeSpan.FromHours(2)));
        Assert.Equal([_two.College.Id], await WithMessagesAsync(m => m.GroupsToRemindAsync(default)));
    }

    [Fact]
    public async Task TheNudge_FollowsEachGroupsZone()
    {
        // Zone C's second trimester ends on 2 April, zone B's on 16 April: seven days before each, its own group only.
        var march26 = new DateOnly(2027, 3, 26);
        var april9 = new DateOnly(2027, 4, 9);
        Assert.NotNull(await WithMessagesAsync(m => m.NudgeAsync(march26, _two.Lycee.Id, default)));
        Assert.Null(await WithMessagesAsync(m => m.NudgeAsync(march26, _two.College.Id, default)));
        Assert.Null(await WithMessagesAsync(m => m.NudgeAsync(april9, _two.Lycee.Id, default)));
        var college = await WithMessagesAsync(m => m.NudgeAsync(april9, _two.College.Id, default));
        Assert.StartsWith("**Collège Maupas** : Le 2e trimestre 2026-2027 se termine dans 7 jours (vendredi 16 avril 2027).",
            DialogHarness.Render(college![0]));
    }

    [Fact]
    public async Task TheSelfAssessment_IsDueByEachGroupsZone()
    {
        // Four days before zone C's end (Monday 29 March): Tom, who took part in the lycée; not Léa, whose trimester goes on.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 28, 10, 0, 0, TimeSpan.Zero));
        await _two.LogAsync("tom", "Tom", "Un atelier", "vendredi");
        var invited = await WithMessagesAsync(m => m.SelfAssessmentInviteesAsync(new DateOnly(2027, 3, 29), default));
        var tom = await _two.Bot.WithDbAsync(db => Task.FromResult(db.People.Single(p => p.DisplayName == "Tom").Id));
        Assert.Equal([(tom, "2e trimestre 2026-2027")], invited);
    }

    [Fact]
    public async Task TheSelfAssessment_IsOfThePupilsZonesTrimester()
    {
        // 20 April 2027: zone C's 3rd trimester began on the 19th; zone B is in its spring holidays, after its 2nd.
        await using var two = await TwoGroups.StartAsync(Clocks.At(new DateOnly(2027, 4, 20)));
        Assert.Contains("3e trimestre 2026-2027", (await two.Bot.PupilSaysAsync("tom", "Tom", "/bilan"))[0]);
        Assert.Contains("2e trimestre 2026-2027", (await two.Bot.PupilSaysAsync("lea", "Léa", "/bilan"))[0]);
    }
}
