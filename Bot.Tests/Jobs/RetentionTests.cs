using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

public class RetentionTests
{
    [Fact]
    public async Task DataPastItsRetention_IsDeleted_AndNothingYounger()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "autre", "2", "oui" }) await lea.SayAsync(turn);
        await lea.SayAsync("/jai-partagé"); // a half-logged session: conversation state left behind

        async Task<(int States, int Messages, int Sessions)> CountAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            return (await db.Conversations.CountAsync(), await db.DirectLineActivities.CountAsync(), await db.Contributions.CountAsync());
        }

        var start = await CountAsync();
        Assert.Equal(1, start.States);
        Assert.True(start.Messages > 10);
        Assert.Equal(1, start.Sessions);

        clock.Advance(TimeSpan.FromDays(31)); // state: 30 days
        Assert.Equal((0, start.Messages, 1), await CountAsync());

        clock.Advance(TimeSpan.FromDays(60)); // transcripts: 90 days
        Assert.Equal((0, 0, 1), await CountAsync());

        clock.Advance(TimeSpan.FromDays(700)); // sessions: 730 days
        Assert.Equal((0, 0, 0), await CountAsync());
    }
}
