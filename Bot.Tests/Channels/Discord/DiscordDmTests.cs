using Microsoft.Extensions.DependencyInjection.Extensions;
using Bot.Channels.Discord;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Discord;

/// <summary>Proactive messages on Discord: DMs through the REST API (a local fake).</summary>
public class DiscordDmTests : FakeDiscordApp
{
    private const string LeaId = "80351110224678912";

    private async Task<Guid> RequestAsync(DiscordClient pupil, string badge)
    {
        await pupil.CommandAsync("badges");
        await pupil.ClickAsync($"badge:{badge}");
        await pupil.ClickAsync("badge:nomessage");
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().BadgeRequests.Where(r => r.BadgeId == badge).Select(r => r.Id).SingleAsync();
    }

    [Fact]
    public async Task TheApprovalNotice_IsADm_ThroughADmChannelCreatedOnce()
    {
        var lea = new DiscordClient(Http, Key, LeaId, "Léa");
        var first = await RequestAsync(lea, "engagement-citoyen");
        var second = await RequestAsync(lea, "competences-numeriques");
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.ClickAsync($"start:review:approve:{first:N}");
        await counsellor.ClickAsync($"start:review:approve:{second:N}");
        await App.DeliverOutboxAsync();

        Assert.Single(Discord.Calls, c => c.Path == "users/@me/channels");
        var dms = Discord.Calls.Where(c => c.Path == $"channels/dm-{LeaId}/messages").ToList();
        Assert.Equal(2, dms.Count);
        Assert.All(dms, c => Assert.Equal("Bot fake-bot-token", c.Authorization));
        Assert.StartsWith("🎉 Bonne nouvelle !", dms[0].Json!["content"]!.GetValue<string>());
        Assert.Contains("https://openbadgefactory.com/c/earnablebadge/A-REMPLACER-engagement-citoyen/apply", dms[0].Json!["content"]!.GetValue<string>());
        Assert.Null(dms[0].Json!["flags"]);
        // Each carries its outbox row's key as an enforced nonce: a resend after a crash is shown once.
        Assert.All(dms, c => Assert.True(c.Json!["enforce_nonce"]!.GetValue<bool>()));
        Assert.Equal(2, dms.Select(c => c.Json!["nonce"]!.GetValue<string>()).Distinct().Count());
        Assert.All(dms, c => Assert.InRange(c.Json!["nonce"]!.GetValue<string>().Length, 1, 25));
    }

    [Fact]
    public async Task APupilWhoTakesNoDms_IsRemembered_NotRetried_AndToldToTheCounsellor()
    {
        Discord.ClosedDms.Add(LeaId);
        var lea = new DiscordClient(Http, Key, LeaId, "Léa");
        var first = await RequestAsync(lea, "engagement-citoyen");
        var second = await RequestAsync(lea, "competences-numeriques");
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        // The first notice is tried (Discord then says Léa takes no DMs); the second decision knows it already.
        Assert.Contains("Je lui envoie le lien", (await counsellor.ClickAsync($"start:review:approve:{first:N}"))["data"]!["content"]!.GetValue<string>());
        await App.DeliverOutboxAsync();
        var answer = await counsellor.ClickAsync($"start:review:approve:{second:N}");
        Assert.Contains("Je ne peux pas lui écrire", answer["data"]!["content"]!.GetValue<string>());
        await App.DeliverOutboxAsync();
        Assert.Single(Discord.Calls, c => c.Path == $"channels/dm-{LeaId}/messages"); // tried once, then remembered

        using var scope = App.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<DiscordDmChannel>().SingleAsync()).Blocked);
        var digest = await scope.ServiceProvider.GetRequiredService<Bot.Dialogs.Reminders.ProactiveMessages>().DigestAsync(null, default);
        Assert.Contains("Je n'ai pas pu prévenir de votre décision : Léa (le bot ne peut pas leur écrire).", Assert.IsType<Bot.Dialogs.Engine.ChoicesReply>(digest![0]).Text);
    }

    [Fact]
    public async Task Erasure_ForgetsTheDmChannel()
    {
        var lea = new DiscordClient(Http, Key, LeaId, "Léa");
        var id = await RequestAsync(lea, "engagement-citoyen");
        await new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]).ClickAsync($"start:review:approve:{id:N}");
        await lea.CommandAsync("mes-donnees");
        await lea.ClickAsync("start:mydata:erase");
        await lea.ClickAsync("mydata:confirm");
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.False(await db.Set<DiscordDmChannel>().AnyAsync());
        Assert.False(await db.ChannelIdentities.AnyAsync(i => i.ExternalId == LeaId));
    }

    [Fact]
    public async Task Demandes_PostsEachRequestOnItsOwn_AndAClickUpdatesThatMessage()
    {
        var lea = new DiscordClient(Http, Key, LeaId, "Léa");
        var first = await RequestAsync(lea, "engagement-citoyen");
        var second = await RequestAsync(lea, "competences-numeriques");
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.CommandAsync("aide"); // past her welcome
        Assert.Equal("👇", (await counsellor.CommandAsync("demandes"))["data"]!["content"]!.GetValue<string>());

        for (var i = 0; i < 100 && Discord.Calls.Count(c => c.Path == "webhooks/1300000000000000000/token") < 2; i++) await Task.Delay(50);
        var posted = Discord.Calls.Where(c => c.Path == "webhooks/1300000000000000000/token").Select(c => c.Json!).ToList();
        Assert.Equal(2, posted.Count);
        Assert.All(posted, p => Assert.Equal(64, p["flags"]!.GetValue<int>()));
        // Both were asked at the same instant: find each by its buttons.
        var forFirst = posted.Single(p => p.ToJsonString().Contains($"u|start:review:approve:{first:N}"));
        var forSecond = posted.Single(p => p.ToJsonString().Contains($"u|start:review:refuse:{second:N}"));

        var updated = await counsellor.ClickInMessageAsync(forFirst, $"u|start:review:approve:{first:N}");
        Assert.Equal(7, updated["type"]!.GetValue<int>());
        var content = updated["data"]!["content"]!.GetValue<string>();
        Assert.StartsWith("**Léa** demande le badge", content);
        Assert.Contains("✅ C'est validé : Léa", content);
        Assert.All(updated["data"]!["components"]![0]!["components"]!.AsArray(), b => Assert.True(b!["disabled"]!.GetValue<bool>()));

        // Refusing opens a modal for the (optional) reason; its submit updates the request's message.
        var refusing = await counsellor.ClickInMessageAsync(forSecond, $"u|start:review:refuse:{second:N}");
        Assert.Equal(9, refusing["type"]!.GetValue<int>());
        Assert.Equal("u|review", refusing["data"]!["custom_id"]!.GetValue<string>());
        var submit = counsellor.Interaction(5, new System.Text.Json.Nodes.JsonObject
        {
            ["custom_id"] = "u|review",
            ["components"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = 18, ["component"] = new System.Text.Json.Nodes.JsonObject { ["type"] = 4, ["custom_id"] = "reason", ["value"] = "Encore deux séances" },
            }),
        });
        submit["message"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "2002", ["content"] = forSecond["content"]!.DeepClone(), ["components"] = forSecond["components"]!.DeepClone() };
        var refused = await counsellor.SendAsync(submit);
        Assert.Equal(7, refused["type"]!.GetValue<int>());
        Assert.Contains("est refusée", refused["data"]!["content"]!.GetValue<string>());
        await App.DeliverOutboxAsync();
        var notice = Discord.Calls.Last(c => c.Path == $"channels/dm-{LeaId}/messages").Json!["content"]!.GetValue<string>();
        Assert.Contains("Son explication : « Encore deux séances »", notice);
    }

    [Fact]
    public async Task WithACounsellorsChannel_AlertsGoThereOnce()
    {
        await using var app = new BotApp(Database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(Key, Discord.BaseUrl, ("Discord:NudgeChannelId", "1290000000000000888")));
        using var http = app.CreateClient();
        using var scope = app.Services.CreateScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Bot.Dialogs.Notices.PersonNotifier>();
        Assert.True(await notifier.NotifyCounsellorsAsync([new Bot.Dialogs.Engine.TextReply("L'envoi a échoué.")], default));
        await scope.ServiceProvider.GetRequiredService<StoreDbContext>().SaveChangesAsync();
        await app.DeliverOutboxAsync();
        var call = Assert.Single(Discord.Calls, c => c.Path == "channels/1290000000000000888/messages");
        Assert.Equal("L'envoi a échoué.", call.Json!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithACounsellorsChannel_TheDigestIsPostedThere_OncePerWeek()
    {
        var jobs = new RecordingJobClient();
        await using var app = new BotApp(Database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.Replace(ServiceDescriptor.Singleton<Hangfire.IBackgroundJobClient>(jobs)),
            settings: DiscordClient.Settings(Key, Discord.BaseUrl, ("Discord:NudgeChannelId", "1290000000000000888")));
        using var http = app.CreateClient();
        var lea = new DiscordClient(http, Key, LeaId, "Léa");
        await lea.CommandAsync("badges");
        await lea.ClickAsync("badge:engagement-citoyen");
        await lea.ClickAsync("badge:nomessage");

        async Task Run(Func<Bot.Jobs.ReminderJobs, Task> job)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await job(scope.ServiceProvider.GetRequiredService<Bot.Jobs.ReminderJobs>());
        }
        await Run(j => j.PendingDigestAsync(default));
        await Run(j => j.PendingDigestAsync(default));
        foreach (var job in jobs.Enqueued.ToList()) await Run(j => RecordingJobClient.RunAsync(job, j));
        await app.DeliverOutboxAsync();

        var posted = Assert.Single(Discord.Calls, c => c.Path == "channels/1290000000000000888/messages");
        Assert.StartsWith("Bonjour ! Une demande de badge attend votre décision.", posted.Json!["content"]!.GetValue<string>());
    }
}

/// <summary>A turn that takes longer than Discord's 3 seconds: deferred, then finished in full.</summary>
public class DiscordDeferredTests : FakeDiscordApp
{
    [Fact]
    public async Task ASlowDemandes_IsDeferred_ThenItsAnswerAndEachRequestsCardArrive()
    {
        var lea = new DiscordClient(Http, Key, "80351110224678912", "Léa");
        foreach (var badge in new[] { "engagement-citoyen", "competences-numeriques" })
        {
            await lea.CommandAsync("badges");
            await lea.ClickAsync($"badge:{badge}");
            await lea.ClickAsync("badge:nomessage");
        }
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.CommandAsync("aide");

        // Another writer holds SQLite's one write slot for a while: the turn waits behind it.
        var held = await App.Services.GetRequiredService<Bot.Store.SqliteWriteGate>().EnterAsync(default);
        var answer = counsellor.CommandAsync("demandes");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await held.DisposeAsync();

        Assert.Equal(5, (await answer)["type"]!.GetValue<int>()); // deferred within Discord's 3 seconds
        for (var i = 0; i < 200 && Discord.Calls.Count(c => c.Path == "webhooks/1300000000000000000/token") < 2; i++) await Task.Delay(25);
        Assert.Contains(Discord.Calls, c => c.Method == "PATCH" && c.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        var cards = Discord.Calls.Where(c => c.Path == "webhooks/1300000000000000000/token").ToList();
        Assert.Equal(2, cards.Count);
        Assert.All(cards, c => Assert.Contains("u|start:review:approve:", c.Json!.ToJsonString()));
    }
}
