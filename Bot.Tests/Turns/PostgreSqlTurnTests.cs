using Bot.Channels.WebChat;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Turns;

/// <summary>
/// Two bot instances on one PostgreSQL, as behind a load balancer: turns of one conversation go to
/// either, counsellors on both decide at the same moments. Nothing lost, nothing doubled, one notice per decision.
/// </summary>
public class PostgreSqlTurnTests
{
    private const int Pupils = 32;
    private static readonly Dictionary<string, string> TwoCounsellors = new()
    {
        ["WebChat:CounsellorIds:0"] = "conseillere", ["WebChat:CounsellorIds:1"] = "conseiller",
        // A load test: each counsellor decides 32 requests within seconds, far beyond what a person clicks.
        ["RateLimits:MessagesPerMinute"] = "100000",
    };

    private static BotApp Instance(PostgresDatabase database) => new(database.ConnectionString, Clocks.At(Clocks.Sunday), settings: TwoCounsellors);

    private static readonly string[] Session =
        ["/jai-partagé vendredi", "Un atelier badgeuse", "Le vinyle", "numérique", "2", "oui", "/badges", "citoyen", "Sans message"];

    [SkippableFact]
    public async Task ThirtyTwoPupils_AlternatingInstances_WhileCounsellorsOnBothDecide_NothingLostOrDoubled_OneNoticePerDecision()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = Instance(database);
        await using var second = Instance(database);
        using var httpA = first.CreateClient();
        using var httpB = second.CreateClient();

        // Each pupil's turns alternate between the instances, as a load balancer would send them.
        async Task PupilAsync(int i)
        {
            var onA = new DirectLineClient(httpA, $"pupil-{i}");
            await onA.StartAsync();
            var onB = new DirectLineClient(httpB, $"pupil-{i}");
            onB.Resume(onA.ConversationId, onA.Token);
            for (var turn = 0; turn < Session.Length; turn++) await (turn % 2 == 0 ? onA : onB).SayAsync(Session[turn]);
        }

        var claire = new DirectLineClient(httpA, "conseillere");
        var marc = new DirectLineClient(httpB, "conseiller");
        await claire.StartAsync();
        await marc.StartAsync();
        var pupils = Task.WhenAll(Enumerable.Range(0, Pupils).Select(PupilAsync));

        // Meanwhile both counsellors approve each request as it comes, at the same moment, each on their instance.
        var decided = new HashSet<Guid>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (decided.Count < Pupils && DateTime.UtcNow < deadline)
        {
            var pending = await WithDbAsync(first,
                db => db.BadgeRequests.Where(r => r.Status == Bot.Dialogs.Badges.BadgeRequestStatus.Pending).Select(r => r.Id).ToListAsync());
            foreach (var id in pending)
            {
                var approve = $"start:review:approve:{id:N}";
                await Task.WhenAll(claire.ClickAsync(approve, "Approuver"), marc.ClickAsync(approve, "Approuver"));
                decided.Add(id);
            }
            if (pending.Count == 0) await Task.Delay(50);
        }
        await pupils;
        Assert.Equal(Pupils, decided.Count);
        await first.DeliverOutboxAsync();
        await second.DeliverOutboxAsync();

        var sessions = await WithDbAsync(first, db => db.Contributions.GroupBy(c => c.PersonId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Pupils, sessions.Count);
        Assert.All(sessions, count => Assert.Equal(1, count));
        var requests = await WithDbAsync(first, db => db.BadgeRequests.ToListAsync());
        Assert.Equal(Pupils, requests.Count);
        Assert.All(requests, r => Assert.Equal(Bot.Dialogs.Badges.BadgeRequestStatus.Approved, r.Status));
        // Exactly one notice in each pupil's conversation, and one outbox row per decision, delivered.
        var notices = await WithDbAsync(first, db => db.DirectLineActivities.Where(a => a.Json.Contains("Bonne nouvelle"))
            .Join(db.DirectLineConversations, a => a.ConversationId, c => c.Id, (a, c) => c.UserId!).ToListAsync());
        Assert.Equal(Enumerable.Range(0, Pupils).Select(i => $"pupil-{i}").Order(), notices.Order());
        // Each pair of clicks: one approval, one "already decided", whichever instance won.
        var answers = (await claire.BotSaysAsync()).Concat(await marc.BotSaysAsync()).ToList();
        Assert.Equal(Pupils, answers.Count(t => t.StartsWith("✅ C'est validé", StringComparison.Ordinal)));
        Assert.Equal(Pupils, answers.Count(t => t.StartsWith("Cette demande a déjà été", StringComparison.Ordinal)));
        var outbox = await WithDbAsync(first, db => db.Outbox.ToListAsync());
        Assert.Equal(Pupils, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(Bot.Dialogs.Notices.OutboxStatus.Delivered, m.Status));
    }

    [SkippableFact]
    public async Task AClientActivityIdOfAnyLength_IsKeptAsItsDigest_NotA500()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = Instance(database);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        var message = DirectLineClient.Message("lea", "bonjour", clientActivityId: new string('x', 500));
        using var first = await lea.PostAsync(message);
        using var again = await lea.PostAsync((JsonObject)message.DeepClone());
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    private static async Task<T> WithDbAsync<T>(BotApp app, Func<StoreDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }
}
