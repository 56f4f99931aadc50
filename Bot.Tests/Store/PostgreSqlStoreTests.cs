using System.Net;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Store;

/// <summary>The store on a real PostgreSQL, and several Bot instances on one database.</summary>
public class PostgreSqlStoreTests
{
    // No Store:Provider: the connection string alone must move the bot to PostgreSQL (the README's one variable).
    private static BotApp Instance(PostgresDatabase database) => new(database.ConnectionString, Clocks.At(Clocks.Sunday));

    [SkippableFact]
    public async Task TheJourney_RunsOnPostgreSql_AndSurvivesARestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using (var app = Instance(database))
        {
            using var http = app.CreateClient();
            var client = new DirectLineClient(http);
            await client.StartAsync();
            foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier badgeuse", "Le vinyle", "numérique", "2", "oui" }) await client.SayAsync(turn);
            Assert.Contains(await client.BotSaysAsync(), t => t.StartsWith("C'est enregistré", StringComparison.Ordinal));
        }
        await using (var app = Instance(database))
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            Assert.IsType<PostgreSqlStoreDbContext>(db);
            var saved = await db.Contributions.SingleAsync();
            Assert.Equal(new DateOnly(2026, 11, 27), saved.SessionDate);
            Assert.Equal("Un atelier badgeuse", saved.Shared);
        }
    }

    [SkippableFact]
    public async Task AConversationStartedOnOneInstance_ContinuesOnTheOther()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = Instance(database);
        await using var second = Instance(database);
        using var httpA = first.CreateClient();
        using var httpB = second.CreateClient();
        var onA = new DirectLineClient(httpA, "lea");
        await onA.StartAsync();
        await onA.SayAsync("/jai-partagé vendredi");

        // The same conversation, its next turn taken by the other instance.
        var onB = new DirectLineClient(httpB, "lea");
        onB.Resume(onA.ConversationId, onA.Token);
        await onB.SayAsync("Un tuto montage");
        Assert.Contains("Et qu'est-ce que tu as appris avec les autres ?", await onA.BotSaysAsync());
    }

    [SkippableFact]
    public async Task MessagesPostedAtOnceThroughTwoInstances_AreAllKept_WithDistinctWatermarks()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = Instance(database);
        await using var second = Instance(database);
        using var httpA = first.CreateClient();
        using var httpB = second.CreateClient();
        var onA = new DirectLineClient(httpA, "lea");
        await onA.StartAsync();
        await onA.SayAsync("bonjour");
        var onB = new DirectLineClient(httpB, "lea");
        onB.Resume(onA.ConversationId, onA.Token);

        var posts = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? onA : onB).PostAsync(DirectLineClient.Message("lea", $"message {i}", clientActivityId: $"c{i}")));
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var activities = new List<System.Text.Json.Nodes.JsonNode?>();
        for (var page = await onA.PollAsync(); page.Count > 0; page = await onA.PollAsync()) activities.AddRange(page);
        var echoed = activities.Where(a => a!["from"]!["role"]!.GetValue<string>() == "user").Select(a => a!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"message {i}").Order(), echoed.Where(t => t.StartsWith("message", StringComparison.Ordinal)).Order());
        Assert.Equal(activities.Count, activities.Select(a => a!["id"]!.GetValue<string>()).Distinct().Count());
    }
}

public class StoreOptionsTests
{
    [Theory]
    [InlineData(null, "Data Source=data/bot.db", StoreProvider.Sqlite)]
    [InlineData(null, null, StoreProvider.Sqlite)]
    [InlineData(null, "Host=db;Username=bot;Password=x;Database=bot", StoreProvider.PostgreSql)]
    [InlineData(StoreProvider.Sqlite, "Host=db", StoreProvider.Sqlite)]
    public void TheProvider_FollowsTheConnectionStringUnlessSet(StoreProvider? configured, string? connectionString, StoreProvider expected) =>
        Assert.Equal(expected, StoreOptions.Resolve(configured, connectionString));
}
