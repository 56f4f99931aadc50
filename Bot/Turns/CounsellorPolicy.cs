using Bot.Dialogs.Engine;

namespace Bot.Turns;

/// <summary>How one channel knows its counsellors, from the identity it authenticated (ids in configuration, Discord roles…).</summary>
public interface IChannelCounsellors
{
    string Channel { get; }

    bool IsCounsellor(string userId, IReadOnlyCollection<string> roles);
}

/// <summary>Counsellors known by a sign-in kept in the store (an invitation used on the web chat), read per turn.</summary>
public interface ISignedInCounsellors
{
    string Channel { get; }

    /// <summary>Null when this user has no sign-in in force; else the slugs of the groups the sign-in names (maybe none).</summary>
    Task<IReadOnlyList<string>?> SignedInGroupsAsync(string userId, CancellationToken ct);
}

/// <summary>
/// Whether the person who speaks is a counsellor: decided here, on the server, for every channel,
/// from the channel's authenticated identity; never from what a payload claims.
/// </summary>
public sealed class CounsellorPolicy(IEnumerable<IChannelCounsellors> channels)
{
    private readonly IReadOnlyList<IChannelCounsellors> _channels = [.. channels];

    public bool IsCounsellor(ChannelUser user, IReadOnlyCollection<string> roles)
    {
        foreach (var channel in _channels)
            if (channel.Channel == user.Channel && channel.IsCounsellor(user.Id, roles)) return true;
        return false;
    }
}
