using System.Net;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Hosting;

/// <summary>
/// The database cannot take one more connection (every one of the instance's pool in use, or PostgreSQL's own limit
/// reached: two instances with Npgsql's default pool of 100 did it in the bench): the request is answered "busy, try
/// again" (503, Retry-After), in French, not as the bot's failure (500). Nothing is half-done: the turn never started.
/// </summary>
public sealed class StoreBusyTests
{
    [SkippableFact]
    public async Task NoConnectionLeft_TheTurnIsRefusedAsBusy_WithRetryAfter_AndWorksOnceOneIsFree()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // A pool of one connection, waited for one second at most.
        var tiny = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString;
        await using var app = new BotApp(tiny, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        var pupil = new DirectLineClient(http, "pupil-busy");
        await pupil.StartAsync();

        HttpResponseMessage refused;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The bot's own pool: its only connection, taken and held.
            await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Database.OpenConnectionAsync();
            refused = await pupil.PostAsync(DirectLineClient.Message("pupil-busy", "/aide"));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("ServiceBusy", error["code"]!.GetValue<string>());
        Assert.Equal("Le bot est très demandé en ce moment. Réessaie dans quelques secondes.", error["message"]!.GetValue<string>());

        // The connection back in the pool: the same words go through.
        Assert.NotEmpty(await pupil.SayAsync("/aide"));
    }
}
