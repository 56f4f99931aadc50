using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace Bot.Tests.Channels.Discord;

/// <summary>
/// Issue 14, finding 8: a signed interaction is taken only while fresh (a replayed old one is refused),
/// and, with Discord:GuildId set, only from that server or from a DM with the bot.
/// </summary>
public sealed class DiscordRequestTests : IDisposable
{
    private const string OtherGuild = "1290000000000000999";
    private const string OtherServerText =
        "Je ne réponds que sur le serveur Discord du Peer to Peer de Vire Normandie. Retrouve-moi là-bas, ou écris-moi en message privé.";
    private readonly TempDatabase _database = new();
    private readonly Key _key = DiscordClient.NewKey();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public DiscordRequestTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday),
            settings: DiscordClient.Settings(_key, null, ("Discord:GuildId", DiscordClient.Guild)));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _key.Dispose();
        _database.Dispose();
    }

    /// <summary>Turns run and people met: what a refused request must leave at zero.</summary>
    private async Task<int> ChangesAsync()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await db.ProcessedTurns.CountAsync() + await db.People.CountAsync() + await db.ChannelIdentities.CountAsync();
    }

    private static JsonObject Badges(DiscordClient user) =>
        user.Interaction(2, new JsonObject { ["id"] = "1", ["name"] = "badges", ["type"] = 1 });

    private static byte[] Bytes(JsonObject interaction) => Encoding.UTF8.GetBytes(interaction.ToJsonString());

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    [Theory]
    [InlineData(-400 * 24 * 60 * 60)] // the review's replay: signed 400 days ago
    [InlineData(-301)]
    [InlineData(301)]
    public async Task ASignedRequest_MoreThanFiveMinutesFromNow_Is401_AndChangesNothing(int seconds)
    {
        var lea = new DiscordClient(_http, _key);
        using var response = await lea.PostAsync(Bytes(Badges(lea)), sign: true, timestamp: lea.Timestamp(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await ChangesAsync());
    }

    [Theory]
    [InlineData("+{0}")]
    [InlineData("{0}.0")]
    [InlineData("bientôt")]
    public async Task ASignedRequest_WhoseTimestampIsNotPlainUnixSeconds_Is401(string format)
    {
        var lea = new DiscordClient(_http, _key);
        var stamp = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, lea.Timestamp());
        using var response = await lea.PostAsync(Bytes(Badges(lea)), sign: true, timestamp: stamp);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await ChangesAsync());
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public async Task ASignedRequest_WithinFiveMinutes_IsAnswered(int seconds)
    {
        var lea = new DiscordClient(_http, _key);
        using var response = await lea.PostAsync(Bytes(Badges(lea)), sign: true, timestamp: lea.Timestamp(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("badge:engagement-citoyen", await response.Content.ReadAsStringAsync());
    }
}
