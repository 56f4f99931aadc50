using Bot.Dialogs.Engine;
using Bot.Dialogs.MyData;
using Bot.Dialogs.Notices;
using Bot.Dialogs.People;
using Bot.Store;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace Bot.Channels.Teams;

/// <summary>How to reach a Teams user first: the conversation reference of their last activity; Blocked once Teams answered 403.</summary>
public sealed class TeamsConversation : Shared.IChannelAddress
{
    public required string UserId { get; init; }
    public required string Reference { get; set; }
    public bool Blocked { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TeamsConversationConfiguration : IEntityTypeConfiguration<TeamsConversation>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<TeamsConversation> e)
    {
        e.HasKey(c => c.UserId);
        e.Property(c => c.UserId).HasMaxLength(64);
    }
}

/// <summary>Teams' way to speak first: ContinueConversationAsync on the stored reference; 429 and 5xx are the outbox's to retry, 403 is remembered.</summary>
internal sealed partial class TeamsNotifier(StoreDbContext db, IServiceProvider services, IConfiguration configuration, TeamsAccess access,
    ILogger<TeamsNotifier> logger)
    : IChannelNotifier, IChannelDataEraser
{
    public string Channel => TeamsMapper.Channel;

    /// <summary>Keeps the reference of the user's latest activity (saved with the turn).</summary>
    public async Task RememberAsync(Activity activity, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var conversationReference = activity.GetConversationReference();
        conversationReference.ActivityId = null; // a proactive message starts its own thread, it answers nothing
        var reference = JsonConvert.SerializeObject(conversationReference);
        var known = await db.Set<TeamsConversation>().FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (known is null) db.Add(new TeamsConversation { UserId = userId, Reference = reference, UpdatedAt = now });
        else (known.Reference, known.Blocked, known.UpdatedAt) = (reference, false, now);
    }

    public Task<bool> CanReachAsync(string externalUserId, CancellationToken ct) =>
        db.Set<TeamsConversation>().AnyAsync(c => c.UserId == externalUserId && !c.Blocked, ct);

    public async Task<Delivery> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct)
    {
        var known = await db.Set<TeamsConversation>().FirstOrDefaultAsync(c => c.UserId == externalUserId, ct);
        return known is { Blocked: false } ? await ContinueAsync(known, replies, ct) : Delivery.Unreachable;
    }

    // Bot Builder only here, resolved and loaded when a Teams user is really reached: a bot used on
    // the web chat alone never loads it (docs/PERFORMANCE.md, memory).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<Delivery> ContinueAsync(TeamsConversation known, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        if (services.GetRequiredService<IBotFrameworkHttpAdapter>() is not CloudAdapter cloud) return Delivery.Unreachable;
        var reference = JsonConvert.DeserializeObject<ConversationReference>(known.Reference)!;
        // Kept under another configuration (the emulator's loopback URL, say): never posted to. The digest lists the pupil.
        if (!access.Allows(reference.ServiceUrl))
        {
            LogRefused(known.UserId, TeamsAccess.HostOf(reference.ServiceUrl));
            return Delivery.Unreachable;
        }
        var activities = TeamsMapper.ToActivities(new TurnResult(replies)).Cast<IActivity>().ToArray();
        try
        {
            await cloud.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference,
                (turn, token) => turn.SendActivitiesAsync(activities, token), ct);
            return Delivery.Delivered;
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException ex) when ((int)ex.Response.StatusCode == 403)
        {
            known.Blocked = true; // blocked or uninstalled: not retried; the digest lists the pupil (saved with the outbox row)
            LogBlocked(known.UserId);
            return Delivery.Unreachable;
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException ex) when ((int)ex.Response.StatusCode is 429 or >= 500)
        {
            // The outbox tries again later, after the connector's Retry-After when it gave one.
            return Delivery.Later(RetryAfter(ex.Response));
        }
        catch (Exception ex) when (ex is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException or TaskCanceledException)
        {
            LogFailed(ex, known.UserId);
            return ex is Microsoft.Bot.Schema.ErrorResponseException ? Delivery.Unreachable : Delivery.Later();
        }
    }

    private static TimeSpan? RetryAfter(Microsoft.Rest.HttpResponseMessageWrapper response) =>
        response.Headers.TryGetValue("Retry-After", out var values) && values.FirstOrDefault() is { } value
            && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;

    public async Task EraseAsync(IReadOnlyList<ChannelIdentity> identities, string currentConversationId, CancellationToken ct)
    {
        var ids = identities.Where(i => i.Channel == Channel).Select(i => i.ExternalId).ToList();
        if (ids.Count > 0) await db.Set<TeamsConversation>().Where(c => ids.Contains(c.UserId)).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams user {UserId} blocked or uninstalled the bot (403): remembered, not retried")]
    private partial void LogBlocked(string userId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Teams user {UserId} not reached: their conversation's service URL host {Host} is not in Teams:AllowedServiceUrlHosts")]
    private partial void LogRefused(string userId, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams proactive message to {UserId} failed")]
    private partial void LogFailed(Exception exception, string userId);
}
