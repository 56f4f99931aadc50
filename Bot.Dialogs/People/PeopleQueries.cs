using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.People;

public static class PeopleQueries
{
    /// <summary>How finely <see cref="ChannelIdentity.LastUsedAt"/> follows the turns: most turns of a conversation then write nothing more.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    /// <summary>The person behind a channel identity, created on first contact (not saved yet); the identity marked as just used.</summary>
    public static async Task<Person> FindOrAddPersonAsync(this BotDbContext db, ChannelUser user, bool isCounsellor, DateTimeOffset now, CancellationToken ct)
    {
        // One query for both: the identity (its unique index) and its person, both tracked.
        var found = await db.ChannelIdentities.Where(i => i.Channel == user.Channel && i.ExternalId == user.Id)
            .Join(db.People, i => i.PersonId, p => p.Id, (i, p) => new { Identity = i, Person = p })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            var person = new Person { CreatedAt = now, DisplayName = Trim(user.DisplayName), IsCounsellor = isCounsellor };
            person.Identities.Add(new ChannelIdentity { PersonId = person.Id, Channel = user.Channel, ExternalId = user.Id, LastUsedAt = now });
            db.People.Add(person);
            return person;
        }
        if (found.Identity.LastUsedAt is not { } last || now - last >= LastUsedPrecision) found.Identity.LastUsedAt = now;
        if (Trim(user.DisplayName) is { } name && name != found.Person.DisplayName) found.Person.DisplayName = name;
        if (found.Person.IsCounsellor != isCounsellor) found.Person.IsCounsellor = isCounsellor;
        return found.Person;
    }

    internal static string? Trim(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, Person.MaxNameLength)];
}
