using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace Bot.Tests.Channels.Discord;

/// <summary>Discord's HTTP interactions end to end: signed requests through the real pipeline, a real SQLite file.</summary>
public class DiscordEndpointTests : IDisposable
{
    private const string CounsellorRole = "1290000000000000777";
    private readonly TempDatabase _database = new();
    private readonly Key _key = DiscordClient.NewKey();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public DiscordEndpointTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(_key, null, ("Discord:CounsellorRoleIds:0", CounsellorRole)));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _key.Dispose();
        _database.Dispose();
    }

    private async Task<T> WithDbAsync<T>(Func<StoreDbContext, Task<T>> query)
    {
        using var scope = _app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    private static string Content(JsonObject response) => response["data"]!["content"]!.GetValue<string>();

    private static IEnumerable<string> ButtonIds(JsonObject response) =>
        (response["data"]!["components"] as JsonArray ?? []).SelectMany(r => r!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>());

    [Fact]
    public async Task APing_GetsAPong()
    {
        var lea = new DiscordClient(_http, _key);
        var pong = await lea.SendAsync(new JsonObject { ["id"] = "1", ["type"] = 1, ["application_id"] = "1300000000000000000", ["token"] = "t", ["version"] = 1 });
        Assert.Equal(1, pong["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnsignedForgedOrTamperedRequests_Get401_AndChangeNothing()
    {
        var lea = new DiscordClient(_http, _key);
        var body = Encoding.UTF8.GetBytes(lea.Interaction(2, new JsonObject { ["name"] = "suivi" }).ToJsonString());
        using var other = DiscordClient.NewKey();
        Assert.Equal(HttpStatusCode.Unauthorized, (await lea.PostAsync(body, sign: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lea.PostAsync(body, sign: true, signWith: other)).StatusCode);

        // Signed, then altered on the way.
        var signed = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent([.. body, (byte)' ']) };
        var now = lea.Timestamp();
        signed.Headers.Add("X-Signature-Timestamp", now);
        signed.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(now), .. body])));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(signed)).StatusCode);

        Assert.Equal(0, await WithDbAsync(db => db.ProcessedTurns.CountAsync()));
        Assert.Equal(0, await WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task JaiPartage_OpensOneModal_WhoseSubmitGivesThePrivateRecap_AndSavingWorks()
    {
        var lea = new DiscordClient(_http, _key);
        var modal = await lea.CommandAsync("jai-partagé");
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        var data = modal["data"]!;
        Assert.Equal("contribution", data["custom_id"]!.GetValue<string>());
        Assert.Equal(5, data["components"]!.AsArray().Count);
        Assert.Equal("vendredi 27 novembre 2026", data["components"]![0]!["component"]!["value"]!.GetValue<string>());

        var recap = await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "vendredi 27 novembre 2026", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse",
            ["domain"] = "domain:DigitalSkills", ["level"] = "level:3",
        });
        Assert.Equal(4, recap["type"]!.GetValue<int>());
        Assert.Equal(64, recap["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("- **Date :** vendredi 27 novembre 2026", Content(recap));
        Assert.Equal(["recap:yes", "recap:no", "answer"], ButtonIds(recap)); // "oui"/"non" may be typed too

        var saved = await lea.ClickAsync("recap:yes");
        Assert.StartsWith("C'est enregistré ✅", Content(saved));
        var contribution = await WithDbAsync(db => db.Contributions.SingleAsync());
        Assert.Equal(("Un atelier vinyle", 3), (contribution.Shared, contribution.Level));
    }

    [Fact]
    public async Task AnUnreadableDateInTheModal_AsksAgain_WithAButtonThatReopensIt()
    {
        var lea = new DiscordClient(_http, _key);
        await lea.CommandAsync("jai-partagé");
        var answer = await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "le jour des crêpes", ["shared"] = "Un atelier", ["learned"] = "Des choses", ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        Assert.Contains("C'était quelle séance ?", Content(answer));
        Assert.Contains("contribution:form", ButtonIds(answer));
        var reopened = await lea.ClickAsync("contribution:form");
        Assert.Equal(9, reopened["type"]!.GetValue<int>());
        Assert.Equal("le jour des crêpes", reopened["data"]!["components"]![0]!["component"]!["value"]!.GetValue<string>()); // the date as typed, to correct
        Assert.Equal("Un atelier", reopened["data"]!["components"]![1]!["component"]!["value"]!.GetValue<string>()); // and the rest kept
    }

    [Fact]
    public async Task AFreeTextQuestion_IsAnsweredThroughRepondre()
    {
        var lea = new DiscordClient(_http, _key);
        var guide = await lea.CommandAsync("badges");
        Assert.Contains("badge:engagement-citoyen", ButtonIds(guide));
        var message = await lea.ClickAsync("badge:engagement-citoyen");
        Assert.Contains("badge:nomessage", ButtonIds(message));
        var modal = await lea.ClickAsync("answer");
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        var done = await lea.SendAsync(lea.Interaction(5, new JsonObject
        {
            ["custom_id"] = "answer",
            ["components"] = new JsonArray(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = "text", ["value"] = "Je viens chaque vendredi" }) }),
        }));
        Assert.StartsWith("C'est noté ✅", Content(done));
        Assert.Equal("Je viens chaque vendredi", await WithDbAsync(db => db.BadgeRequests.Select(r => r.Message).SingleAsync()));
    }

    [Fact]
    public async Task APupilClickingAnApprovalButton_IsRefused_AndACounsellorRoleMayApprove()
    {
        var lea = new DiscordClient(_http, _key);
        await lea.CommandAsync("badges");
        await lea.ClickAsync("badge:engagement-citoyen");
        await lea.ClickAsync("badge:nomessage");
        var id = await WithDbAsync(db => db.BadgeRequests.Select(r => r.Id).SingleAsync());

        var tom = new DiscordClient(_http, _key, "80351110224678999", "Tom");
        Assert.Contains("Cette commande est réservée à la conseillère.", Content(await tom.ClickAsync($"start:review:approve:{id:N}")));

        var counsellor = new DiscordClient(_http, _key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        Assert.Contains("✅ C'est validé : Léa", Content(await counsellor.ClickAsync($"start:review:approve:{id:N}")));
    }

    [Fact]
    public async Task TheSameInteraction_Twice_IsHandledOnce_AndAnsweredTheSame()
    {
        var lea = new DiscordClient(_http, _key);
        await lea.CommandAsync("badges");
        await lea.ClickAsync("badge:engagement-citoyen");
        var ask = lea.Interaction(3, new JsonObject { ["custom_id"] = "badge:nomessage", ["component_type"] = 2 });
        var first = await lea.SendAsync(ask);
        Assert.Contains("Ta demande du badge", Content(first));
        var again = await lea.SendAsync(ask);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(1, await WithDbAsync(db => db.BadgeRequests.CountAsync()));
        Assert.Equal(3, await WithDbAsync(db => db.ProcessedTurns.CountAsync(t => t.Channel == "discord"))); // badges, the badge, the request: once each
    }
}

public class DiscordConfigurationTests
{
    [Fact]
    public void AMalformedPublicKey_StopsTheStart_WithAClearMessage()
    {
        using var database = new TempDatabase();
        using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), settings: new Dictionary<string, string>
        {
            ["Discord:ApplicationId"] = "1300000000000000000", ["Discord:PublicKey"] = "not-a-key",
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Discord:PublicKey must be the application's public key: 64 hexadecimal characters.", error.ToString());
    }

    [Fact]
    public async Task WithoutDiscordSettings_TheChannelIsOff()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsync("/api/discord/interactions", new StringContent("{}"))).StatusCode);
    }
}
