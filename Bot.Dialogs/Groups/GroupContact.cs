using Bot.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Groups;

public static class GroupContact
{
    /// <summary>Who a pupil can go and see: their group's contact when it has one, else the programme's (read only when said).</summary>
    public static async Task<string> ContactAsync(this TurnContext context, string programmeContact, CancellationToken ct) =>
        context.Person.GroupId is { } id
            ? await context.Db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => g.Contact).FirstOrDefaultAsync(ct) ?? programmeContact
            : programmeContact;
}
