using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.People;

public static class PeopleQueries
{
    /// <summary>The person behind a channel identity, created on first contact (not saved yet).</summary>
    public static async Task<Person> FindOrAddPersonAsync(this BotDbContext db, ChannelUser user, bool isCounsellor, DateTimeOffset now, CancellationToken ct)
    {
        var person = await db.People
            .FirstOrDefaultAsync(p => p.Identities.Any(i => i.Channel == user.Channel && i.ExternalId == user.Id), ct);
        if (person is null)
        {
            person = new Person { CreatedAt = now, DisplayName = Trim(user.DisplayName), IsCounsellor = isCounsellor };
            person.Identities.Add(new ChannelIdentity { PersonId = person.Id, Channel = user.Channel, ExternalId = user.Id });
            db.People.Add(person);
        }
        else
        {
            if (Trim(user.DisplayName) is { } name && name != person.DisplayName) person.DisplayName = name;
            if (person.IsCounsellor != isCounsellor) person.IsCounsellor = isCounsellor;
        }
        return person;
    }

    private static string? Trim(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, Person.MaxNameLength)];
}
