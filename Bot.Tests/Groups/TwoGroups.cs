using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>
/// One instance, two groups: the Collège Maupas (the first group, renamed by configuration) with Mme Martin,
/// the Lycée Curie (académie de Créteil: zone C; sessions end at 15:30) with Mme Durand. Léa joined the collège by its
/// code and Tom the lycée; each logged a
/// session and asked for a badge.
/// </summary>
public sealed class TwoGroups : IAsyncDisposable
{
    public const string Durand = "counsellor-2";
    public DialogHarness Bot { get; private set; } = null!;
    public Group College { get; private set; } = null!;
    public Group Lycee { get; private set; } = null!;

    public static async Task<TwoGroups> StartAsync(TimeProvider clock)
    {
        var two = new TwoGroups();
        two.Bot = await DialogHarness.StartAsync(clock, services =>
        {
            services.AddSingleton<IChannelCounsellors>(new Counsellor(Durand));
            services.Configure<Bot.Dialogs.Calendar.SchoolCalendarOptions>(c => c.Zones["C"] = TestCalendar.ZoneC);
            services.Configure<Bot.Dialogs.Programme.BadgeCatalog>(c => c.Badges.Add(new()
            {
                Id = "club-robotique", Name = "Club robotique", Description = "Pour le club du lycée.", Criteria = "Venir au club.",
                ClaimUrl = "https://openbadgefactory.com/c/earnablebadge/ROBOT/apply", Group = "lycee-curie",
            }));
            services.Configure<GroupsOptions>(o => o.Groups.AddRange(
            [
                new GroupSettings { Slug = GroupDirectory.FirstGroupSlug, Name = "Collège Maupas", Counsellors = [$"test:{DialogHarness.CounsellorId}"] },
                new GroupSettings
                {
                    Slug = "lycee-curie", Name = "Lycée Curie", Academie = "Créteil", SessionEndsAt = new(15, 30), Counsellors = [$"test:{Durand}"],
                    Contact = "Mme Durand, au CDI du lycée",
                },
            ]));
        });
        two.College = await two.GroupAsync(GroupDirectory.FirstGroupSlug);
        two.Lycee = await two.GroupAsync("lycee-curie");
        await two.Bot.PupilSaysAsync("lea", "Léa", $"/rejoindre {two.College.JoinCode}");
        await two.Bot.PupilSaysAsync("tom", "Tom", $"/rejoindre {two.Lycee.JoinCode}");
        await two.LogAsync("lea", "Léa", "Un tuto Canva");
        await two.LogAsync("tom", "Tom", "La recette secrète du lycée");
        foreach (var turn in new[] { "/badges", "numérique", "Canva pour tous" }) await two.Bot.PupilSaysAsync("lea", "Léa", turn);
        foreach (var turn in new[] { "/badges", "citoyen", "Message de Tom au lycée" }) await two.Bot.PupilSaysAsync("tom", "Tom", turn);
        await two.Bot.CounsellorSaysAsync("bonjour");
        await two.DurandSaysAsync("bonjour");
        return two;
    }

    public Task LogAsync(string id, string name, string shared) => LogAsync(id, name, shared, "vendredi");

    public async Task LogAsync(string id, string name, string shared, string date)
    {
        foreach (var turn in new[] { $"/jai-partagé {date}", shared, "Plein de choses", "numérique", "2", "oui" }) await Bot.PupilSaysAsync(id, name, turn);
    }

    public Task<string[]> DurandSaysAsync(string text, string? choiceId = null) =>
        Bot.TurnAsync(new IncomingMessage(new ChannelUser("test", Durand, "Mme Durand"), "conv-durand", text, choiceId));

    public Task<Group> GroupAsync(string slug) => Bot.WithDbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Slug == slug));

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    private sealed class Counsellor(string id) : IChannelCounsellors
    {
        public string Channel => "test";
        public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) => userId == id;
    }
}
