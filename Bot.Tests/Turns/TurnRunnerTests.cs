using Bot.Channels.WebChat;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Turns;

/// <summary>
/// The turn runner's guarantees, seen from the channels: a delivery repeated with its key changes
/// nothing and gets the same answer; two counsellors deciding at once decide once, and the pupil
/// hears once.
/// </summary>
public class TurnRunnerTests
{
    private const string CounsellorRole = "1290000000000000777";

    private static async Task<T> WithDbAsync<T>(BotApp app, Func<StoreDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    [Fact]
    public async Task OnTeams_TheSameActivityTwice_ChangesNothing_AndPostsNothingMore()
    {
        await using var teams = await TeamsApp.StartAsync();
        var lea = teams.Client("aad-lea", "Léa", "a:conv-lea");
        await lea.SayAsync("badges");
        await lea.SayAsync("Demander", new JsonObject { ["choiceId"] = "badge:engagement-citoyen" });
        var ask = lea.Activity("Sans message", new JsonObject { ["choiceId"] = "badge:nomessage" });
        Assert.True((await lea.PostAsync(ask)).IsSuccessStatusCode);
        var posted = teams.Connector.Replies.Count;

        Assert.True((await lea.PostAsync((JsonObject)ask.DeepClone())).IsSuccessStatusCode); // the connector delivers it again

        Assert.Equal(posted, teams.Connector.Replies.Count);
        Assert.Equal(1, await WithDbAsync(teams.App, db => db.BadgeRequests.CountAsync()));
    }

    [Fact]
    public async Task OnTeams_AnActivityWhoseAnswerCouldNotBePosted_IsAnsweredWhenItComesAgain()
    {
        await using var teams = await TeamsApp.StartAsync();
        var lea = teams.Client("aad-lea", "Léa", "a:conv-lea");
        await lea.SayAsync("aide");
        var ask = lea.Activity("badges");
        teams.Connector.Failing["a:conv-lea"] = 502; // the turn commits, the connector fails the answer
        await lea.PostAsync(ask);
        Assert.DoesNotContain(lea.Replies, r => r["attachments"] is not null && r.ToJsonString().Contains("Engagement citoyen"));

        teams.Connector.Failing.Clear();
        Assert.True((await lea.PostAsync((JsonObject)ask.DeepClone())).IsSuccessStatusCode); // Teams delivers it again
        var answered = lea.Replies.Count;
        Assert.Contains(lea.Replies, r => r.ToJsonString().Contains("Engagement citoyen"));

        Assert.True((await lea.PostAsync((JsonObject)ask.DeepClone())).IsSuccessStatusCode); // and again: answered already
        Assert.Equal(answered, lea.Replies.Count);
    }

    [Fact]
    public async Task OnTheWebChat_TheSameClientActivityIdTwice_ChangesNothing_AndGetsTheSameId()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        await lea.SayAsync("/badges");
        await lea.SayAsync("citoyen");
        await lea.PollAsync();
        var ask = DirectLineClient.Message("lea", "Sans message", clientActivityId: "ask-1");
        var first = await (await lea.PostAsync(ask)).Content.ReadAsStringAsync();
        var transcript = await WithDbAsync(app, db => db.DirectLineActivities.CountAsync());

        var again = await (await lea.PostAsync((JsonObject)ask.DeepClone())).Content.ReadAsStringAsync();

        Assert.Equal(first, again);
        Assert.Equal(transcript, await WithDbAsync(app, db => db.DirectLineActivities.CountAsync()));
        Assert.Equal(1, await WithDbAsync(app, db => db.BadgeRequests.CountAsync()));
    }

    [Fact]
    public async Task TwoCounsellors_OneOnDiscordOneOnTeams_ApprovingAtOnce_DecideOnce_AndThePupilHearsOnce()
    {
        await using var discord = await FakeDiscord.StartAsync();
        using var key = DiscordClient.NewKey();
        var settings = DiscordClient.Settings(key, discord.BaseUrl, ("Discord:CounsellorRoleIds:0", CounsellorRole), ("Teams:CounsellorIds:0", "aad-martin"));
        await using var teams = await TeamsApp.StartAsync(settings);
        var app = teams.App;

        // Léa asks on the web chat; her notice comes there.
        var lea = new DirectLineClient(teams.Http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/badges", "citoyen", "Sans message" }) await lea.SayAsync(turn);
        var request = await WithDbAsync(app, db => db.BadgeRequests.Select(r => r.Id).SingleAsync());

        var onDiscord = new DiscordClient(teams.Http, key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        var onTeams = teams.Client("aad-martin", "M. Durand", "a:conv-durand");
        await onDiscord.CommandAsync("aide"); // both past their welcome
        await onTeams.SayAsync("aide");
        var approve = $"start:review:approve:{request:N}";
        await Task.WhenAll(
            onDiscord.ClickAsync(approve),
            onTeams.SayAsync("Approuver", new JsonObject { ["choiceId"] = approve }));
        await app.DeliverOutboxAsync();

        var decided = await WithDbAsync(app, db => db.BadgeRequests.SingleAsync());
        Assert.Equal(Bot.Dialogs.Badges.BadgeRequestStatus.Approved, decided.Status);
        Assert.Contains(decided.DecidedBy, new[] { "Mme Martin", "M. Durand" });
        var notices = await WithDbAsync(app, db => db.DirectLineActivities.CountAsync(a => a.Json.Contains("Bonne nouvelle")));
        Assert.Equal(1, notices);
        Assert.Single(await WithDbAsync(app, db => db.Outbox.ToListAsync()));
    }
}
