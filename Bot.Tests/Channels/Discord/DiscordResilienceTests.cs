using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Bot.Channels.Discord;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Discord;

/// <summary>
/// What the REST client repeats and what it leaves to the outbox, against the local fake: a repeat
/// must never show a message twice (a POST that creates one is the outbox's to retry, with its nonce).
/// </summary>
public class DiscordResilienceTests : FakeDiscordApp
{
    private const string Original = "webhooks/1300000000000000000/token/messages/@original";

    private DiscordRestClient Rest => App.Services.GetRequiredService<DiscordRestClient>();

    private static JsonObject Message(string nonce) => new() { ["content"] = "Bonjour", ["nonce"] = nonce, ["enforce_nonce"] = true };

    [Fact]
    public async Task A500_OnEditingTheOriginalAnswer_IsRetried_AndGoesThrough()
    {
        Discord.FailNext("PATCH", "webhooks/");
        await Rest.SendJsonAsync(HttpMethod.Patch, Original, new JsonObject { ["content"] = "Voilà." }, asBot: false, default);
        Assert.Equal(2, Discord.Calls.Count(c => c.Method == "PATCH" && c.Path == Original));
    }

    [Fact]
    public async Task A500_OnCreatingTheDmChannel_IsRetried_ForDiscordGivesBackTheSameChannel()
    {
        Discord.FailNext("POST", "users/@me/channels", 503);
        var channel = await Rest.SendJsonAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = "42" },
            asBot: true, default);
        Assert.Equal("dm-42", channel!["id"]!.GetValue<string>());
        Assert.Equal(2, Discord.Calls.Count(c => c.Path == "users/@me/channels"));
    }

    [Fact]
    public async Task A500_OnPostingAMessage_IsNotRepeatedByTheClient_AndSurfacesAsA500()
    {
        Discord.FailNext("POST", "channels/");
        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            Rest.SendJsonAsync(HttpMethod.Post, "channels/77/messages", Message("n1"), asBot: true, default));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(Discord.Calls, c => c.Path == "channels/77/messages"); // the outbox tries again later, with the same nonce
    }

    [Fact]
    public async Task A429_IsWaitedOutForItsRetryAfter_ThenTheSameMessageGoes()
    {
        Discord.RateLimitNext(1, retryAfter: 0.4);
        await Rest.SendJsonAsync(HttpMethod.Post, "channels/77/messages", Message("n2"), asBot: true, default);
        var calls = Discord.Calls.Where(c => c.Path == "channels/77/messages").ToList();
        Assert.Equal(2, calls.Count); // Discord took nothing on a 429: repeating it shows nothing twice
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.38), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task AGlobal429_HoldsEveryBotTokenCall_ForItsRetryAfter_ButNotTheInteractionWebhooks()
    {
        Discord.RateLimitNext(1, retryAfter: 1.0, global: true);
        var first = Rest.SendJsonAsync(HttpMethod.Post, "channels/77/messages", Message("n3"), asBot: true, default);
        for (var i = 0; i < 100 && Discord.Calls.IsEmpty; i++) await Task.Delay(10);
        await Task.Delay(200); // its 429 has come back
        var limited = Assert.Single(Discord.Calls);

        var otherRoute = Rest.SendJsonAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = "42" }, asBot: true, default);
        await Rest.SendJsonAsync(HttpMethod.Patch, Original, new JsonObject { ["content"] = "Voilà." }, asBot: false, default);
        await Task.WhenAll(first, otherRoute);

        var webhook = Discord.Calls.Single(c => c.Path == Original);
        var dmChannel = Discord.Calls.Single(c => c.Path == "users/@me/channels");
        Assert.True(webhook.At - limited.At < TimeSpan.FromSeconds(0.8), $"the webhook waited {(webhook.At - limited.At).TotalMilliseconds:F0} ms");
        Assert.True(dmChannel.At - limited.At >= TimeSpan.FromSeconds(0.95),
            $"another route went {(dmChannel.At - limited.At).TotalMilliseconds:F0} ms after a global 429 of 1 s");
    }

    [Fact]
    public async Task ARateLimitThatOutlastsTheRetries_IsADeliveryForLater_AtTheTimeDiscordSaid()
    {
        Discord.RateLimitNext(5, retryAfter: 0.3);
        using var scope = App.Services.CreateScope();
        var notifier = scope.ServiceProvider.GetRequiredService<DiscordNotifier>();
        var delivery = await notifier.SendAsync("80351110224678912", [new TextReply("Bonjour")], "key-1", default);
        Assert.Equal(Delivery.Later(TimeSpan.FromSeconds(0.3)), delivery);
        Assert.Equal(5, Discord.Calls.Count); // the first try and 4 retries, each after Discord's wait
    }
}
