using Bot.Channels.Shared;
using Bot.Jobs;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>Conversation references of Teams users the bot does not know (installed, never wrote; or erased, expired).</summary>
internal sealed class TeamsRetention(StoreDbContext db, IOptions<RetentionOptions> options)
    : UnknownUsersRetention<TeamsConversation>(db, options, TeamsMapper.Channel);
