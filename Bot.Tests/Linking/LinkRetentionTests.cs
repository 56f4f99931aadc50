using Bot.Dialogs.Linking;
using Bot.Dialogs.People;
using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Linking;

/// <summary>Link codes and wrong tries are kept no longer than they can matter.</summary>
public class LinkRetentionTests
{
    [Fact]
    public async Task ExpiredCodes_AndLockoutsOver_AreDeleted_AndNothingStillInForce()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        using var http = app.CreateClient(); // starts the app: its migrations are applied
        var now = clock.GetUtcNow().UtcDateTime;
        var people = Enumerable.Range(0, 7).Select(_ => new Person { CreatedAt = clock.GetUtcNow() }).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            db.People.AddRange(people);
            db.LinkCodes.AddRange(
                Code(people[0], "expired", now.AddMinutes(-20), used: null),
                Code(people[1], "used-and-expired", now.AddMinutes(-1), used: now.AddMinutes(-5)),
                Code(people[2], "valid", now.AddMinutes(5), used: null),
                Code(people[3], "used-not-expired", now.AddMinutes(5), used: now.AddMinutes(-1)));
            db.LinkLockouts.AddRange(
                new LinkLockout { PersonId = people[4].Id, Failures = 0, LastFailureAt = now.AddMinutes(-31), LockedUntil = now.AddMinutes(-16) },
                new LinkLockout { PersonId = people[5].Id, Failures = 0, LastFailureAt = now.AddMinutes(-10), LockedUntil = now.AddMinutes(5) },
                new LinkLockout { PersonId = people[6].Id, Failures = 2, LastFailureAt = now.AddMinutes(-3) });
            await db.SaveChangesAsync();
        }

        async Task<string> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var codes = (await db.LinkCodes.Select(c => c.CodeHash).ToListAsync()).Order();
            var lockouts = await db.LinkLockouts.Select(l => l.PersonId).ToListAsync();
            return $"codes: {string.Join(", ", codes)}; lockouts: {string.Join(", ", lockouts.Select(id => people.FindIndex(p => p.Id == id)).Order())}";
        }

        // Kept: what can still be used, or said ("déjà servi"), and the lock or the wrong tries still counting.
        Assert.Equal("codes: used-not-expired, valid; lockouts: 5, 6", await RunAsync());
        // Once the codes expired and the lock and the tries are past their 15 minutes: nothing.
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("codes: ; lockouts: ", await RunAsync());
        Assert.Equal(7, await WithDbAsync(app, db => db.People.CountAsync()));
    }

    private static LinkCode Code(Person person, string hash, DateTime expires, DateTime? used) =>
        new() { PersonId = person.Id, CodeHash = hash, CreatedAt = expires.AddMinutes(-10), ExpiresAt = expires, UsedAt = used };

    private static async Task<T> WithDbAsync<T>(BotApp app, Func<StoreDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }
}
