using System.Text.RegularExpressions;
using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Linking;

/// <summary>One pupil, Léa, on several channels of the dialog harness, on Sunday 29 November 2026 at 10:00.</summary>
public abstract partial class LinkingTests : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = Clocks.At(Clocks.Sunday);
    protected DialogHarness Bot { get; private set; } = null!;

    /// <summary>Extra services for the harness (a second channel's notifier, a recording eraser).</summary>
    protected virtual void Configure(IServiceCollection services) { }

    public async Task InitializeAsync() => Bot = await DialogHarness.StartAsync(Clock, Configure);

    public async Task DisposeAsync() => await Bot.DisposeAsync();

    protected Task<string[]> WebChatAsync(string text, string user = "lea-web") => SayAsync("webchat", user, text);

    protected Task<string[]> DiscordAsync(string text, string user = "lea-discord") => SayAsync("discord", user, text);

    protected Task<string[]> TeamsAsync(string text, string user = "lea-teams") => SayAsync("teams", user, text);

    protected Task<string[]> SayAsync(string channel, string user, string text, string? choiceId = null) =>
        Bot.TurnAsync(new IncomingMessage(new ChannelUser(channel, user, "Léa"), $"{channel}:{user}", text, choiceId));

    /// <summary>Asks for a code on that channel (past the welcome) and returns it, as shown.</summary>
    protected async Task<string> CodeAsync(string channel, string user)
    {
        var replies = await SayAsync(channel, user, "/lier");
        var match = replies.Select(r => Shown().Match(r)).First(m => m.Success);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Voici ton code : \*\*([^*]+)\*\*")]
    private static partial Regex Shown();

    protected async Task LogSessionAsync(string channel, string user, string when = "vendredi", string shared = "Un tuto montage")
    {
        foreach (var turn in new[] { $"/jai-partagé {when}", shared, "Les raccourcis", "numérique", "3", "oui" }) await SayAsync(channel, user, turn);
    }
}
