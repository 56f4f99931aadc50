using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Jobs;

/// <summary>Every table has a declared retention; a pupil who has gone quiet is forgotten whole; an issuing address does not linger.</summary>
public class RetentionGapsTests
{
    [Fact]
    public async Task EveryTableOfTheStore_HasARetentionDeclared()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        await using var scope = app.Services.CreateAsyncScope();
        var tables = scope.ServiceProvider.GetRequiredService<StoreDbContext>().Model.GetEntityTypes().Select(e => e.ClrType.Name).Order().ToList();
        Assert.Equal(tables, RetentionPolicy.Tables.Keys.Order().ToList());
        Assert.All(RetentionPolicy.Tables.Values, rule => Assert.False(string.IsNullOrWhiteSpace(rule)));
    }

    [Fact]
    public async Task APupilQuietForTwoYears_IsForgottenWhole_AnActiveOneIsKept()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/compte", "C'est fait", "Plus tard", "/badges", "citoyen", "Sans message" }) await lea.SayAsync(turn);
        var tom = new DirectLineClient(http, "tom");
        await tom.StartAsync();
        await tom.SayAsync("bonjour");

        async Task<(int People, int Identities, int Guides, int Requests)> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            return (await db.People.CountAsync(), await db.ChannelIdentities.CountAsync(), await db.GuideProgress.CountAsync(),
                await db.BadgeRequests.CountAsync());
        }

        Assert.Equal((2, 2, 1, 1), await RunAsync());
        clock.Advance(TimeSpan.FromDays(700));
        await tom.StartAsync();
        await tom.SayAsync("bonjour"); // Tom comes back; Léa does not
        clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal((1, 1, 0, 0), await RunAsync());
    }

    [Fact]
    public async Task AnIssuingAddress_IsErasedAfter30DaysIfTheBadgeNeverWentOut()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var person = new Bot.Dialogs.People.Person { CreatedAt = clock.GetUtcNow() };
            db.People.Add(person);
            var request = new Bot.Dialogs.Badges.BadgeRequest
            {
                PersonId = person.Id, BadgeId = "citoyen", CreatedAt = clock.GetUtcNow(), Status = Bot.Dialogs.Badges.BadgeRequestStatus.Approved,
                DecidedAt = clock.GetUtcNow(), IssueEmail = "lea@example.org", IssueError = "HTTP 500",
            };
            db.BadgeRequests.Add(request);
            id = request.Id;
            await db.SaveChangesAsync();
        }

        async Task<string?> AddressAfterRetentionAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            return (await scope.ServiceProvider.GetRequiredService<StoreDbContext>().BadgeRequests.AsNoTracking().SingleAsync(r => r.Id == id)).IssueEmail;
        }

        Assert.Equal("lea@example.org", await AddressAfterRetentionAsync());
        clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(await AddressAfterRetentionAsync());
    }
}

public class FailedJobsTests
{
    [Fact]
    public async Task AJobThatFailsAllItsRetries_IsDeleted_NotKeptAsFailedForever()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient(); // the app is built: its Hangfire configuration applied
        var retries = Hangfire.GlobalJobFilters.Filters.Select(f => f.Instance).OfType<Hangfire.AutomaticRetryAttribute>().ToList();
        var retry = Assert.Single(retries);
        Assert.Equal(Hangfire.AttemptsExceededAction.Delete, retry.OnAttemptsExceeded);
    }
}
