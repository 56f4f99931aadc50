using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Groups;

/// <summary>
/// Who is in which group, settled at the start of a turn. A pupil without a group joins the one the place they
/// write from is mapped to (a Discord server or channel, a Teams team), else the only open group when there is
/// one; else they will be asked for a code before anything that needs a group. A counsellor's groups follow their
/// sign-in and configuration (<see cref="PlaceCounsellorAsync"/>). A pupil who has a group costs no query here.
/// </summary>
public sealed class GroupPlacement(BotDbContext db, GroupDirectory directory)
{
    /// <summary>
    /// A pupil who writes where a group is mapped but where the bot does not hold conversations (a Teams team's channel,
    /// read by everyone): they are put in that group now, so that their private chat finds them in it. Nothing else is kept.
    /// </summary>
    public async Task JoinByPlaceAsync(ChannelUser user, IReadOnlyList<string> places, DateTimeOffset now, CancellationToken ct)
    {
        if (directory.SlugForPlace(places) is not { } slug) return;
        var groupId = await db.Groups.AsNoTracking().Where(g => g.Slug == slug && g.ArchivedAt == null).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
        if (groupId is null) return;
        var identity = await db.ChannelIdentities.AsNoTracking().FirstOrDefaultAsync(i => i.Channel == user.Channel && i.ExternalId == user.Id, ct);
        if (identity is null)
        {
            var person = new People.Person { CreatedAt = now, GroupId = groupId, DisplayName = People.PeopleQueries.Trim(user.DisplayName) };
            person.Identities.Add(new People.ChannelIdentity { PersonId = person.Id, Channel = user.Channel, ExternalId = user.Id, LastUsedAt = now });
            db.People.Add(person);
            return;
        }
        await db.People.Where(p => p.Id == identity.PersonId && p.GroupId == null && !p.IsCounsellor)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.GroupId, groupId), ct);
    }

    public async Task PlaceAsync(TurnContext context, CancellationToken ct)
    {
        var message = context.Message;
        if (!message.IsCounsellor)
        {
            if (context.Person.GroupId is not null) return;
            var open = await db.Groups.AsNoTracking().Where(g => g.ArchivedAt == null).Select(g => new { g.Id, g.Slug, g.Name }).ToListAsync(ct);
            var mapped = directory.SlugForPlace(message.Places ?? []) is { } slug ? open.FirstOrDefault(g => g.Slug == slug) : null;
            var only = open.Count == 1 ? open[0] : null;
            if ((mapped ?? only) is not { } group) return;
            context.Person.GroupId = group.Id;
            // Joining by the place is news to the pupil; the only group of a town is not.
            if (mapped is not null && !context.IsFirstContact) context.Say(GroupTexts.Joined(group.Name));
            return;
        }

        await PlaceCounsellorAsync(context, ct);
    }

    /// <summary>
    /// A counsellor's groups follow what gives them, at each of their turns: their sign-in's groups and configuration's (an id
    /// or a role) are added, and taken away once they no longer name the group; the only group of a town is theirs while it
    /// is the only one. A place (a Discord channel, a Teams team) never makes anyone a counsellor: it only picks, among
    /// their groups, the one their commands are about.
    /// </summary>
    private async Task PlaceCounsellorAsync(TurnContext context, CancellationToken ct)
    {
        var message = context.Message;
        var personId = context.Person.Id;
        var groups = await db.Groups.AsNoTracking().Select(g => new { g.Id, g.Slug, g.ArchivedAt }).ToListAsync(ct);
        var bySlug = groups.ToDictionary(g => g.Slug, g => g.Id);
        var signIn = (message.CounsellorGroups ?? []).Where(bySlug.ContainsKey).Select(s => bySlug[s]).ToHashSet();
        var configured = directory.ConfiguredCounsellorOf(message.From.Channel, message.From.Id, message.Roles)
            .Where(bySlug.ContainsKey).Select(s => bySlug[s]).ToHashSet();
        var rows = await db.GroupCounsellors.Where(c => c.PersonId == personId).ToListAsync(ct);
        foreach (var row in rows)
        {
            var stale = row.Source switch
            {
                CounsellorSource.SignIn => !signIn.Contains(row.GroupId),
                CounsellorSource.Configuration => !configured.Contains(row.GroupId),
                CounsellorSource.OnlyGroup => groups.Count > 1,
                _ => false,
            };
            if (stale) db.GroupCounsellors.Remove(row);
        }
        var kept = rows.Where(r => db.Entry(r).State != EntityState.Deleted).Select(r => r.GroupId).ToHashSet();
        void Add(Guid groupId, CounsellorSource source)
        {
            if (!kept.Add(groupId)) return;
            db.GroupCounsellors.Add(new GroupCounsellor { GroupId = groupId, PersonId = personId, AddedAt = context.Now, Source = source });
        }
        foreach (var id in signIn) Add(id, CounsellorSource.SignIn);
        foreach (var id in configured) Add(id, CounsellorSource.Configuration);
        if (kept.Count == 0 && groups is [{ ArchivedAt: null } only]) Add(only.Id, CounsellorSource.OnlyGroup);
        if (directory.SlugForPlace(message.Places ?? []) is { } placeSlug && bySlug.TryGetValue(placeSlug, out var placeGroup) && kept.Contains(placeGroup))
            context.Person.GroupId = placeGroup;
    }
}
