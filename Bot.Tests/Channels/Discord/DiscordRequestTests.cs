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

    public static TheoryData<string> FromAnotherServer => new() { "command", "answer button", "modal submit" };

    [Theory]
    [MemberData(nameof(FromAnotherServer))]
    public async Task AnInteractionFromAnotherServer_GetsAPrivateFrenchAnswer_AndChangesNothing(string kind)
    {
        var tom = new DiscordClient(_http, _key, "80351110224678999", "Tom");
        var interaction = kind switch
        {
            "command" => Badges(tom),
            "answer button" => tom.Interaction(3, new JsonObject { ["custom_id"] = "answer", ["component_type"] = 2 }),
            _ => tom.Interaction(5, new JsonObject { ["custom_id"] = "answer", ["components"] = new JsonArray() }),
        };
        interaction["guild_id"] = OtherGuild;

        var answer = await tom.SendAsync(interaction);

        Assert.Equal(4, answer["type"]!.GetValue<int>());
        Assert.Equal(64, answer["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(OtherServerText, Content(answer));
        Assert.Null(answer["data"]!["components"]);
        Assert.Equal(0, await ChangesAsync());
    }

    [Fact]
    public async Task InTheConfiguredServer_AndInADirectMessage_ThePupilIsAnswered()
    {
        var lea = new DiscordClient(_http, _key);
        Assert.Contains("badge:engagement-citoyen", (await lea.SendAsync(Badges(lea))).ToJsonString());

        // A DM: no guild_id, and the user at the top level instead of a server member.
        var direct = Badges(lea);
        direct.Remove("guild_id");
        direct["user"] = direct["member"]!["user"]!.DeepClone();
        direct.Remove("member");
        direct["channel_id"] = "1290000000000000555";
        direct["context"] = 1;
        var answer = await lea.SendAsync(direct);
        Assert.NotEqual(OtherServerText, Content(answer));
        Assert.Contains("badge:engagement-citoyen", answer.ToJsonString());
    }
}

public class DiscordGuildSettingTests
{
    [Fact]
    public void AGuildIdThatIsNotAnId_StopsTheStart_WithAClearMessage()
    {
        using var database = new TempDatabase();
        using var key = DiscordClient.NewKey();
        using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday),
            settings: DiscordClient.Settings(key, null, ("Discord:GuildId", "Peer to Peer Vire")));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Discord:GuildId must be the server's numeric id (or empty).", error.ToString());
    }
}
