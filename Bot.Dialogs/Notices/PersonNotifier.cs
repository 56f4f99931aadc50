using Bot.Dialogs.Engine;
using Bot.Dialogs.People;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Notices;

/// <summary>How a channel reaches a person first. Called by the outbox's dispatcher, after the commit that decided the message.</summary>
public interface IChannelNotifier
{
    string Channel { get; }

    /// <summary>It delivers by writing to the store (the web chat's transcript): the dispatcher then records the outcome in the same transaction.</summary>
    bool DeliversInStore => false;

    /// <summary>Whether the bot has a way to write to this person now (a conversation, DMs not refused).</summary>
    Task<bool> CanReachAsync(string externalUserId, CancellationToken ct);

    /// <summary>
    /// One attempt. <paramref name="deliveryKey"/> is the same at every attempt of one message: a
    /// channel that can de-duplicate (Discord's nonce) shows it once. Never throws for a person it
    /// cannot reach; what it learns (a blocked user) it adds to the scope's store, saved with the outcome.
    /// </summary>
    Task<Delivery> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct);
}

/// <summary>A channel with a room for the counsellors (a Discord channel): their messages go there once, not to each.</summary>
public interface ICounsellorRoom
{
    string Channel { get; }
    bool IsConfigured { get; }
    Task<Delivery> PostAsync(IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct);
}

/// <summary>
/// Writes what must reach someone else into the outbox, in the caller's unit of work: a turn's
/// notice commits with the decision that caused it, or not at all, and goes out after the commit.
/// </summary>
public sealed class PersonNotifier(BotDbContext db, IEnumerable<IChannelNotifier> channels, IEnumerable<ICounsellorRoom> rooms, TimeProvider clock)
{
    /// <summary>The topic of a decision's notice to a pupil: the weekly digest lists the pupils none of its rows reached.</summary>
    public const string DecisionTopic = "decision";

    /// <summary>
    /// Queues the replies for the channel the person used most recently among those that can reach them now (or, when
    /// none can, the most recent): one row. If it fails them, the dispatcher asks <see cref="FollowUpAsync"/> for the
    /// next. True when a channel can reach them now.
    /// </summary>
    public async Task<bool> NotifyAsync(Guid personId, IReadOnlyList<Reply> replies, CancellationToken ct, string? topic = null, Guid? about = null)
    {
        var noticeId = Guid.NewGuid();
        var (identity, reachable) = await NextAsync(personId, [], ct);
        if (identity is null)
        {
            // Nowhere to send it: recorded as unreachable at once, so that the digest can say so.
            var nowhere = Row(noticeId, personId, "", "", topic, "[]", about);
            nowhere.Status = OutboxStatus.Unreachable;
            nowhere.DoneAt = nowhere.CreatedAt;
            db.Add(nowhere);
            return false;
        }
        db.Add(Row(noticeId, personId, identity.Channel, identity.ExternalId, topic, ReplyJson.Write(replies), about));
        return reachable;
    }

    /// <summary>
    /// A row of a notice to a person ended without reaching them (unreachable, or given up on): the same notice
    /// (its id: the digest groups by it) is queued for their next channel not tried yet, in the caller's unit of
    /// work. <paramref name="replies"/>: the row's words, read before they were blanked. False when none is left.
    /// </summary>
    public async Task<bool> FollowUpAsync(OutboxMessage ended, string replies, CancellationToken ct)
    {
        if (ended.PersonId is not { } personId || ended.Recipient == OutboxMessage.Room || ended.Channel.Length == 0) return false;
        var tried = await db.Outbox.AsNoTracking().Where(m => m.NoticeId == ended.NoticeId).Select(m => new { m.Channel, m.Recipient }).ToListAsync(ct);
        var (next, _) = await NextAsync(personId, [.. tried.Select(t => (t.Channel, t.Recipient))], ct);
        if (next is null) return false;
        db.Add(Row(ended.NoticeId, personId, next.Channel, next.ExternalId, ended.Topic, replies, ended.AboutPersonId));
        return true;
    }

    /// <summary>
    /// Of the person's identities on a channel that can write first, not tried yet: the most recently used that
    /// can reach them now, or else the most recently used.
    /// </summary>
    private async Task<(ChannelIdentity? Identity, bool Reachable)> NextAsync(Guid personId, HashSet<(string, string)> tried, CancellationToken ct)
    {
        // A person has a few identities: ordered here (SQLite cannot order DateTimeOffset); one never seen in a turn comes last.
        var identities = (await db.ChannelIdentities.AsNoTracking().Where(i => i.PersonId == personId).ToListAsync(ct))
            .Where(i => !tried.Contains((i.Channel, i.ExternalId)) && channels.Any(c => c.Channel == i.Channel))
            .OrderByDescending(i => i.LastUsedAt).ToList();
        foreach (var identity in identities)
            if (await channels.First(c => c.Channel == identity.Channel).CanReachAsync(identity.ExternalId, ct)) return (identity, true);
        return (identities.FirstOrDefault(), false);
    }

    public bool HasCounsellorRoom => rooms.Any(r => r.IsConfigured);

    /// <summary>Queues a post in the counsellors' room; false when no channel has one.</summary>
    public bool PostToCounsellorRoom(IReadOnlyList<Reply> replies, string? topic = null, Guid? about = null)
    {
        if (rooms.FirstOrDefault(r => r.IsConfigured) is not { } room) return false;
        db.Add(Row(Guid.NewGuid(), null, room.Channel, OutboxMessage.Room, topic, ReplyJson.Write(replies), about));
        return true;
    }

    /// <summary>
    /// Tells the counsellors: in their room when a channel has one, else each counsellor the bot
    /// knows; true when someone can be reached. <paramref name="about"/>: the pupil it names, so that
    /// what is still waiting goes with that pupil's erasure.
    /// </summary>
    public async Task<bool> NotifyCounsellorsAsync(IReadOnlyList<Reply> replies, CancellationToken ct, string? topic = null, Guid? about = null)
    {
        if (PostToCounsellorRoom(replies, topic, about)) return true;
        var counsellors = await db.People.AsNoTracking().Where(p => p.IsCounsellor).Select(p => p.Id).ToListAsync(ct);
        var reachable = false;
        foreach (var id in counsellors) reachable |= await NotifyAsync(id, replies, ct, topic, about);
        return reachable;
    }

    private OutboxMessage Row(Guid noticeId, Guid? personId, string channel, string recipient, string? topic, string json, Guid? about)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            NoticeId = noticeId, PersonId = personId, AboutPersonId = about, Channel = channel, Recipient = recipient, Topic = topic, Replies = json,
            CreatedAt = now, NextAttemptAt = now,
        };
    }
}
