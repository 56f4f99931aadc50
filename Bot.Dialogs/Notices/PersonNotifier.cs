using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Notices;

/// <summary>
/// How a channel reaches a person first (a notice, a reminder). Implementations add what they send
/// to the turn's store or call their service; they never throw for a person they cannot reach.
/// </summary>
public interface IChannelNotifier
{
    string Channel { get; }

    /// <summary>True when the replies are on their way to that person on this channel.</summary>
    Task<bool> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, CancellationToken ct);
}

/// <summary>A channel with a room for the counsellors (a Discord channel): their messages go there once, not to each.</summary>
public interface ICounsellorRoom
{
    bool IsConfigured { get; }

    /// <summary>True when posted in the room; false when the channel has no room configured.</summary>
    Task<bool> PostAsync(IReadOnlyList<Reply> replies, CancellationToken ct);
}

/// <summary>Reaches a person on every channel where the bot knows them.</summary>
public sealed class PersonNotifier(BotDbContext db, IEnumerable<IChannelNotifier> channels, IEnumerable<ICounsellorRoom> rooms)
{
    public async Task<bool> NotifyAsync(Guid personId, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        var identities = await db.ChannelIdentities.AsNoTracking().Where(i => i.PersonId == personId).ToListAsync(ct);
        var delivered = false;
        foreach (var identity in identities)
            foreach (var channel in channels.Where(c => c.Channel == identity.Channel))
                delivered |= await channel.SendAsync(identity.ExternalId, replies, ct);
        return delivered;
    }

    public bool HasCounsellorRoom => rooms.Any(r => r.IsConfigured);

    /// <summary>Posts in the counsellors' room; false when no channel has one (or it failed).</summary>
    public async Task<bool> PostToCounsellorRoomAsync(IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        foreach (var room in rooms.Where(r => r.IsConfigured))
            if (await room.PostAsync(replies, ct)) return true;
        return false;
    }

    /// <summary>Tells the counsellors: in their room when a channel has one, else each counsellor the bot knows; true when reached.</summary>
    public async Task<bool> NotifyCounsellorsAsync(IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        foreach (var room in rooms)
            if (await room.PostAsync(replies, ct)) return true;
        var counsellors = await db.People.AsNoTracking().Where(p => p.IsCounsellor).Select(p => p.Id).ToListAsync(ct);
        var delivered = false;
        foreach (var id in counsellors) delivered |= await NotifyAsync(id, replies, ct);
        return delivered;
    }
}
