using Bot.Channels.Shared;
using Bot.Jobs;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>DM channels of Discord users the bot no longer knows.</summary>
internal sealed class DiscordRetention(StoreDbContext db, IOptions<RetentionOptions> options)
    : UnknownUsersRetention<DiscordDmChannel>(db, options, DiscordMapper.Channel);
