using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Groups;

/// <summary>
/// Who is in which group, settled at the start of a turn. A pupil without a group joins the one the place they
/// write from is mapped to (a Discord server or channel, a Teams team), else the only open group when there is
/// one; else they will be asked for a code before anything that needs a group. A counsellor becomes a counsellor
/// of the groups their sign-in, configuration or place names (and of the only group, when there is one).
/// A pupil who has a group costs no query here.
/// </summary>
public sealed class GroupPlacement(BotDbContext db, GroupDirectory directory)
{
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

        var named = new HashSet<string>(message.CounsellorGroups ?? []);
        named.UnionWith(directory.ConfiguredCounsellorOf(message.From.Channel, message.From.Id));
        if (directory.SlugForPlace(message.Places ?? []) is { } placeSlug) named.Add(placeSlug);
        var mine = await db.GroupCounsellors.Where(c => c.PersonId == context.Person.Id).Select(c => c.GroupId).ToListAsync(ct);
        var toAdd = named.Count == 0 ? [] : await db.Groups.Where(g => named.Contains(g.Slug) && !mine.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        if (mine.Count == 0 && toAdd.Count == 0)
        {
            var open = await db.Groups.Where(g => g.ArchivedAt == null).Select(g => g.Id).Take(2).ToListAsync(ct);
            if (open.Count == 1) toAdd = open;
        }
        foreach (var id in toAdd) db.GroupCounsellors.Add(new GroupCounsellor { GroupId = id, PersonId = context.Person.Id, AddedAt = context.Now });
    }
}
