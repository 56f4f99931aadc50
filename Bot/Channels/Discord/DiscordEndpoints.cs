using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Bot.Turns;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord's HTTP interactions: verify the signature on the raw body, then PING → PONG, or one
/// turn of the bot answered at once (a message, or a modal when the bot asks a form).
/// </summary>
internal static partial class DiscordEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void MapDiscord(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/discord/interactions", HandleAsync);

    /// <summary>Discord waits 3 seconds for the first answer: past this, the answer is deferred and follows.</summary>
    internal static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2.5);

    private static async Task<IResult> HandleAsync(HttpContext http, DiscordSignature signature, IOptions<DiscordOptions> options, TurnRunner runner,
        DiscordFollowUps followUps, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Bot.Channels.Discord");
        var body = await ReadBodyAsync(http.Request, ct);
        string? timestamp = http.Request.Headers["X-Signature-Timestamp"];
        if (body is null || !signature.Verify(http.Request.Headers["X-Signature-Ed25519"], timestamp, body))
            return Unauthorized("invalid request signature");
        // Signed by Discord, but not now: a replay, or this machine's clock is wrong (then every request is refused).
        if (!DiscordSignature.IsFresh(timestamp, clock.GetUtcNow()))
        {
            LogStale(logger, DiscordSignature.SecondsAway(timestamp, clock.GetUtcNow()));
            return Unauthorized("stale request timestamp");
        }

        Interaction? interaction;
        try { interaction = DiscordMapper.Parse(JsonNode.Parse(body)); }
        // Not JSON, or a field of the wrong type ("id": true), or text that is not text (a lone surrogate).
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException) { interaction = null; }
        if (interaction is null) return Results.BadRequest();
        if (interaction.Type == DiscordMapper.Ping) return Json(new JsonObject { ["type"] = DiscordMapper.Pong });
        // Another server than ours: said so, privately, and nothing runs. A DM with the bot has no server: pupils use them.
        if (!string.IsNullOrWhiteSpace(options.Value.GuildId) && interaction.GuildId is { } guild && guild != options.Value.GuildId)
        {
            LogOtherGuild(logger, interaction.Id, guild);
            return Json(DiscordMapper.Notice(DiscordMapper.OtherServer));
        }
        if (interaction.Type == DiscordMapper.Component && interaction.CustomId == DiscordMapper.AnswerId) return Json(DiscordMapper.AnswerModal());

        // The interaction's id is the idempotency key: the same interaction twice is answered the same, and runs once.
        var request = new TurnRequest(DiscordMapper.ToIncoming(interaction), interaction.Id, interaction.RoleIds);
        // The turn may outlive this request when it is deferred: the runner holds its own scope.
        var turn = runner.RunAsync(request, ct: CancellationToken.None);
        var canDefer = !string.IsNullOrEmpty(options.Value.BotToken);
        if (canDefer && await Task.WhenAny(turn, Task.Delay(AnswerWithin, ct)) != turn)
        {
            followUps.Finish(interaction.Token, turn);
            return Json(DiscordMapper.DeferredResponse());
        }
        var outcome = await turn;
        var result = outcome.Result;
        LogTurn(logger, interaction.Id, interaction.Type);

        if (interaction.UpdatesMessage && result.Replies.Count > 0) return Json(DiscordMapper.UpdateResponse(interaction, result));
        // A repeated interaction gets its answer again, not a second set of messages.
        if (canDefer && !outcome.Duplicate && DiscordMapper.FollowUps(result) is { Count: > 0 } items) followUps.Post(interaction.Token, items);

        // A file (a QR code, the export) goes as an attachment: defer, then send it with the answer.
        if (canDefer && DiscordMapper.Files(result).Count > 0 && !result.Replies.OfType<FormReply>().Any())
        {
            followUps.Finish(interaction.Token, Task.FromResult(outcome), withFollowUps: false); // posted above
            return Json(DiscordMapper.DeferredResponse());
        }
        return Json(DiscordMapper.ToResponse(result, canOpenModal: interaction.Type != DiscordMapper.ModalSubmit));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult Unauthorized(string message) => Results.Json(new { message }, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult Json(JsonObject response) =>
        Results.Content(response.ToJsonString(Shared.ChannelJson.Options), "application/json");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} of type {Type} answered")]
    private static partial void LogTurn(ILogger logger, string interactionId, int type);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A signed Discord interaction refused: its timestamp is {Seconds} s from this server's clock (a replay, or a wrong clock here)")]
    private static partial void LogStale(ILogger logger, long? seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {InteractionId} from server {GuildId} refused: not Discord:GuildId")]
    private static partial void LogOtherGuild(ILogger logger, string interactionId, string guildId);
}

/// <summary>Discord counsellors: the configured user ids, and holders of the configured roles (the roles Discord sends with the interaction).</summary>
internal sealed class DiscordCounsellors(IOptions<DiscordOptions> options) : IChannelCounsellors
{
    public string Channel => DiscordMapper.Channel;

    public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) =>
        options.Value.CounsellorUserIds.Contains(userId) || roles.Any(options.Value.CounsellorRoleIds.Contains);
}
