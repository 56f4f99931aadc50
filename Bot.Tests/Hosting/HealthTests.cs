using System.Net;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Hosting;

/// <summary>
/// /healthz, for a load balancer, nginx or a monitor: 200 "Healthy" while the database answers, 503 "Unhealthy"
/// when it does not, and never a word more (no exception, no connection string, no host).
/// </summary>
public sealed class HealthTests : DeploymentTests
{
    private static async Task<(HttpStatusCode Status, string Body)> ProbeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithTheDatabaseThere_ItIsHealthy_AndNothingKeepsTheAnswer()
    {
        await using var app = new BotApp(Database.ConnectionString, Clock);
        using var http = app.CreateClient();
        using var response = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WhenTheSqliteDatabaseIsGone_ItAnswers503_SayingNothingMore()
    {
        await using var app = new BotApp(Database.ConnectionString, Clock);
        using var http = app.CreateClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(http));

        // The data folder disappears under the running bot (a disk unmounted, a folder moved).
        var folder = Path.GetDirectoryName(Database.Path)!;
        Directory.Move(folder, folder + "-away");
        try
        {
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(http));
        }
        finally { Directory.Move(folder + "-away", folder); }
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(http));
    }

    [SkippableFact]
    public async Task WhenPostgreSqlRefusesConnections_ItAnswers503()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var (app, relay) = OnRelay(database);
        await using var _ = app;
        await using var __ = relay;
        using var http = app.CreateClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(http));

        relay.Close();
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(http));
    }

    /// <summary>The app on PostgreSQL through a relay the test can take away.</summary>
    private (BotApp App, TcpRelay Relay) OnRelay(PostgresDatabase database)
    {
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var relay = new TcpRelay(real.Host!, real.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };
        return (new BotApp(relayed.ConnectionString, Clock), relay);
    }

    [Theory]
    [MemberData(nameof(Strangers.Requests), MemberType = typeof(Strangers))]
    public async Task WithoutASecret_AStrangerIsRefused(string? remote, string? header, string? value)
    {
        await using var app = new BotApp(Database.ConnectionString, Clock);
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz").From(app, remote, header, value);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithASecret_AnyoneMayProbe_WithoutCredentials_AndNoRateLimitHoldsItBack()
    {
        await using var app = App(new Dictionary<string, string>
        {
            ["RateLimits:StartsPerMinute"] = "1", ["RateLimits:MessagesPerMinute"] = "1", ["RateLimits:MessagesPerAddressPerMinute"] = "1",
        });
        using var http = app.CreateClient();
        app.RemoteAddress = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < 10; i++) Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(http));
    }
}
