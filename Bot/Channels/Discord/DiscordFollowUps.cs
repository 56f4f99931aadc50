using System.Text.Json.Nodes;
using System.Threading.Channels;
using Bot.Dialogs.Engine;

namespace Bot.Channels.Discord;

/// <summary>
/// Finishes deferred interactions: when a turn is slow, or its answer carries a file, Discord got a
/// "deferred" within its 3 seconds, and the answer is then written over it (PATCH @original), files
/// as multipart attachments. Runs in the background of this instance; the interaction token lasts 15 minutes.
/// </summary>
public sealed partial class DiscordFollowUps(IServiceProvider services, ILogger<DiscordFollowUps> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>();

    internal static TimeSpan FirstAnswerHeadStart { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The turn's answer over the deferred response, then a message per request to decide (unless posted already).</summary>
    internal void Finish(string token, Task<Bot.Turns.TurnOutcome> turn, bool withFollowUps = true) =>
        _work.Writer.TryWrite(ct => FinishAsync(token, turn, withFollowUps, ct));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            try { await work(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    private async Task FinishAsync(string token, Task<Bot.Turns.TurnOutcome> turn, bool withFollowUps, CancellationToken ct)
    {
        Bot.Turns.TurnOutcome outcome;
        try { outcome = await turn; }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never leave "the bot is thinking" up for the interaction's 15 minutes.
            LogFailed(ex);
            outcome = new Bot.Turns.TurnOutcome(DialogEngine.Failure, null);
        }
        // Discord must have taken the first answer before its follow-ups: give it a moment.
        await Task.Delay(FirstAnswerHeadStart, ct);
        if (outcome.Result.Replies.Count > 0) await EditOriginalAsync(token, outcome.Result, ct);
        if (withFollowUps && !outcome.Duplicate && DiscordMapper.FollowUps(outcome.Result) is { Count: > 0 } items) await PostAllAsync(token, items, ct);
    }

    /// <summary>Writes a turn's answer over the deferred response.</summary>
    internal async Task EditOriginalAsync(string token, TurnResult result, CancellationToken ct)
    {
        var rest = services.GetRequiredService<DiscordRestClient>();
        var applicationId = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DiscordOptions>>().Value.ApplicationId;
        var payload = DiscordMapper.ToResponse(result, canOpenModal: false)["data"]!.AsObject();
        payload.Remove("flags"); // set by the deferral
        var path = $"webhooks/{applicationId}/{token}/messages/@original";
        var files = DiscordMapper.Files(result);
        if (files.Count > 0) await rest.SendFilesAsync(HttpMethod.Patch, path, payload, files, asBot: false, ct);
        else await rest.SendJsonAsync(HttpMethod.Patch, path, payload, asBot: false, ct);
    }

    /// <summary>Posts extra messages for an interaction (one per request to decide), in the background, in order.</summary>
    internal void Post(string token, IReadOnlyList<JsonObject> messages) =>
        _work.Writer.TryWrite(async ct =>
        {
            await Task.Delay(FirstAnswerHeadStart, ct);
            await PostAllAsync(token, messages, ct);
        });

    private async Task PostAllAsync(string token, IReadOnlyList<JsonObject> messages, CancellationToken ct)
    {
        var rest = services.GetRequiredService<DiscordRestClient>();
        var applicationId = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DiscordOptions>>().Value.ApplicationId;
        foreach (var message in messages) await rest.SendJsonAsync(HttpMethod.Post, $"webhooks/{applicationId}/{token}", message, asBot: false, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A deferred Discord answer could not be sent")]
    private partial void LogFailed(Exception exception);
}
