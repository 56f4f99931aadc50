using Bot.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Groups;

/// <summary>
/// The group a counsellor's commands are about: the one they chose among theirs (<c>/groupe</c>), or their only one.
/// Every counsellor query filters on it; a decision checks that the request belongs to one of their groups.
/// </summary>
public static class CounsellorScope
{
    /// <summary>The group, or null after telling the counsellor why (no group, or several to choose from).</summary>
    public static async Task<Group?> GroupAsync(TurnContext context, CancellationToken ct)
    {
        var mine = await MineAsync(context, ct);
        if (mine.Count == 0)
        {
            context.Say(GroupTexts.NoGroup);
            return null;
        }
        if (mine.FirstOrDefault(g => g.Id == context.Person.GroupId) is { } chosen) return chosen;
        if (mine.Count == 1)
        {
            context.Person.GroupId = mine[0].Id;
            return mine[0];
        }
        AskWhich(context, mine);
        return null;
    }

    /// <summary>The counsellor's groups, archived ones included (their history is still theirs to read).</summary>
    public static async Task<List<Group>> MineAsync(TurnContext context, CancellationToken ct)
    {
        var ids = await IdsAsync(context, ct);
        return await context.Db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).OrderBy(g => g.Name).ToListAsync(ct);
    }

    public static async Task<bool> IsMineAsync(TurnContext context, Guid? groupId, CancellationToken ct) =>
        groupId is { } id && (await IdsAsync(context, ct)).Contains(id);

    // As this turn's placement left them, saved or not: its additions in, its removals out.
    private static async Task<List<Guid>> IdsAsync(TurnContext context, CancellationToken ct)
    {
        var personId = context.Person.Id;
        var ids = await context.Db.GroupCounsellors.AsNoTracking().Where(c => c.PersonId == personId).Select(c => c.GroupId).ToListAsync(ct);
        foreach (var entry in context.Db.ChangeTracker.Entries<GroupCounsellor>().Where(e => e.Entity.PersonId == personId))
        {
            if (entry.State == EntityState.Deleted) ids.Remove(entry.Entity.GroupId);
            else if (entry.State == EntityState.Added) ids.Add(entry.Entity.GroupId);
        }
        return ids;
    }

    public static void AskWhich(TurnContext context, IReadOnlyList<Group> mine) =>
        context.Ask(GroupTexts.WhichGroup, [.. mine.Select(g => new Choice($"start:group:{g.Slug}", g.Name))]);
}
