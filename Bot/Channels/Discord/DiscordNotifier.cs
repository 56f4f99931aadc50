using System.Net;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Bot.Dialogs.MyData;
using Bot.Dialogs.Notices;
using Bot.Dialogs.People;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.Discord;

/// <summary>The DM channel of a Discord user, created once and remembered; Blocked once Discord said they take no DMs (50007).</summary>
public sealed class DiscordDmChannel : Shared.IChannelAddress
{
    public required string UserId { get; init; }
    public string? ChannelId { get; set; }
    public bool Blocked { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DiscordDmChannelConfiguration : IEntityTypeConfiguration<DiscordDmChannel>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DiscordDmChannel> e)
    {
        e.HasKey(d => d.UserId);
        e.Property(d => d.UserId).HasMaxLength(32);
        e.Property(d => d.ChannelId).HasMaxLength(32);
    }
}

/// <summary>
/// Discord's way to speak first: a DM, or a post in the counsellors' channel. Each message carries
/// the outbox row's key as its nonce, enforced: a resend after a crash is not shown twice. A user
/// who takes no DMs is remembered, never retried.
/// </summary>
internal sealed partial class DiscordNotifier(StoreDbContext db, DiscordRestClient rest, TimeProvider clock, ILogger<DiscordNotifier> logger,
    Microsoft.Extensions.Options.IOptions<DiscordOptions> options) : IChannelNotifier, IChannelDataEraser, ICounsellorRoom
{
    public string Channel => DiscordMapper.Channel;

    public bool IsConfigured => options.Value.NudgeChannelId is { Length: > 0 };

    /// <summary>The counsellors' channel (Discord:NudgeChannelId), when configured.</summary>
    public async Task<Delivery> PostAsync(IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct)
    {
        if (options.Value.NudgeChannelId is not { Length: > 0 } channel) return Delivery.Unreachable;
        try
        {
            await PostMessageAsync($"channels/{channel}/messages", replies, deliveryKey, ct);
            return Delivery.Delivered;
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            LogFailed(ex, channel);
            return Outcome(ex);
        }
    }

    public async Task<bool> CanReachAsync(string externalUserId, CancellationToken ct) =>
        !await db.Set<DiscordDmChannel>().AnyAsync(d => d.UserId == externalUserId && d.Blocked, ct);

    public async Task<Delivery> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct)
    {
        var dm = await db.Set<DiscordDmChannel>().FirstOrDefaultAsync(d => d.UserId == externalUserId, ct);
        if (dm is { Blocked: true }) return Delivery.Unreachable;
        try
        {
            if (dm?.ChannelId is null)
            {
                var created = await rest.SendJsonAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = externalUserId }, asBot: true, ct);
                if (dm is null) db.Add(dm = new DiscordDmChannel { UserId = externalUserId });
                dm.ChannelId = created?["id"]?.GetValue<string>();
                dm.UpdatedAt = clock.GetUtcNow();
            }
            await PostMessageAsync($"channels/{dm.ChannelId}/messages", replies, deliveryKey, ct);
            return Delivery.Delivered;
        }
        catch (DiscordApiException ex) when (ex.Code == 50007)
        {
            dm!.Blocked = true; // saved with the outbox row's outcome
            dm.UpdatedAt = clock.GetUtcNow();
            LogBlocked(externalUserId);
            return Delivery.Unreachable;
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            LogFailed(ex, externalUserId);
            return Outcome(ex);
        }
    }

    private async Task PostMessageAsync(string path, IReadOnlyList<Reply> replies, string nonce, CancellationToken ct)
    {
        var result = new TurnResult(replies);
        var payload = DiscordMapper.ToResponse(result, canOpenModal: false)["data"]!.AsObject();
        payload.Remove("flags"); // ephemeral is for interactions
        payload["nonce"] = nonce;
        payload["enforce_nonce"] = true;
        var files = DiscordMapper.Files(result);
        if (files.Count > 0) await rest.SendFilesAsync(HttpMethod.Post, path, payload, files, asBot: true, ct);
        else await rest.SendJsonAsync(HttpMethod.Post, path, payload, asBot: true, ct);
    }

    /// <summary>Rate limits (past the client's own waits: when Discord said), Discord's 5xx and the network: later. Any other refusal: not this way.</summary>
    private static Delivery Outcome(Exception ex) => ex switch
    {
        DiscordApiException { Status: HttpStatusCode.TooManyRequests } limited => Delivery.Later(limited.RetryAfter),
        DiscordApiException { Status: >= HttpStatusCode.InternalServerError } => Delivery.Later(),
        DiscordApiException => Delivery.Unreachable,
        _ => Delivery.Later(),
    };

    public async Task EraseAsync(IReadOnlyList<ChannelIdentity> identities, string currentConversationId, CancellationToken ct)
    {
        var ids = identities.Where(i => i.Channel == Channel).Select(i => i.ExternalId).ToList();
        if (ids.Count > 0) await db.Set<DiscordDmChannel>().Where(d => ids.Contains(d.UserId)).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord user {UserId} takes no DMs from the bot (50007): remembered, not retried")]
    private partial void LogBlocked(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord message to {Target} failed")]
    private partial void LogFailed(Exception exception, string target);
}
