using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Crash;

/// <summary>
/// The bot killed (SIGKILL) while pupils confirm their sessions, then started again on the same
/// database: what it acknowledged is there, and the pupils' retries (same clientActivityID) add nothing twice.
/// </summary>
public class CrashTests
{
    private const string Secret = Support.DeploymentTests.Secret;
    private const int Pupils = 24, KillAfterAcknowledged = 8;

    private static readonly (string Text, string? ChoiceId)[] Session =
    [
        ("/jai-partagé", null), ("vendredi", null), ("Un atelier vinyle", null), ("La découpeuse", null),
        ("Autre", "domain:Other"), ("2", "level:2"), ("Oui, j'enregistre", "recap:yes"),
    ];

    /// <summary>Sessions stored per pupil, read from the database file itself.</summary>
    private static Dictionary<string, int> SessionsPerPupil(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ci.ExternalId, COUNT(c.Id) FROM ChannelIdentities ci LEFT JOIN Contributions c ON c.PersonId = ci.PersonId GROUP BY ci.ExternalId";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>();
        while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    [Fact]
    public async Task KilledWhilePupilsConfirm_EveryAcknowledgedSessionIsStored_AndRetriesAddNothingTwice()
    {
        using var database = new TempDatabase();
        var port = BotProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = database.ConnectionString, ["WebChat__Secret"] = Secret, ["Jobs__RunServer"] = "false",
        };
        var bot = await BotProcess.StartAsync(port, settings);
        using var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

        var acknowledged = new ConcurrentDictionary<string, bool>();
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = 0;

        async Task<HttpResponseMessage?> TryPostAsync(Func<HttpRequestMessage> build)
        {
            try
            {
                var response = await http.SendAsync(build());
                return (int)response.StatusCode >= 500 ? null : response;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return null; }
        }

        async Task PupilAsync(int n)
        {
            var userId = $"crash-pupil-{n:D2}";
            await Task.Delay(n * 40);
            JsonNode? started = null;
            while (started is null)
            {
                var response = await TryPostAsync(() => new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate")
                {
                    Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Secret) },
                    Content = new StringContent(new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString(), Encoding.UTF8, "application/json"),
                });
                if (response is null) { await restarted.Task; continue; }
                started = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            }
            var (conversation, token) = (started!["conversationId"]!.GetValue<string>(), started["token"]!.GetValue<string>());
            for (var turn = 0; turn < Session.Length; turn++)
            {
                var (text, choice) = Session[turn];
                var activity = DirectLineClient.Message(userId, text, choice is null ? null : new JsonObject { ["choiceId"] = choice }, clientActivityId: $"{userId}-turn-{turn}");
                while (true)
                {
                    // The same clientActivityID on every try, as Web Chat retries.
                    var response = await TryPostAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities")
                    {
                        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
                        Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
                    });
                    if (response is not null)
                    {
                        Assert.True(response.IsSuccessStatusCode, $"{userId} turn {turn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        if (turn == Session.Length - 1) acknowledged[userId] = Volatile.Read(ref killed) == 0;
                        break;
                    }
                    await restarted.Task;
                }
            }
        }

        var pupils = Enumerable.Range(0, Pupils).Select(n => Task.Run(() => PupilAsync(n))).ToList();
        while (acknowledged.Count < KillAfterAcknowledged) await Task.Delay(5);
        await bot.KillAsync();
        Volatile.Write(ref killed, 1);
        var beforeKill = acknowledged.Where(a => a.Value).Select(a => a.Key).ToList();
        Assert.True(beforeKill.Count < Pupils, "the bot was killed after everyone had finished: nothing was in flight");

        // Before any retry: every confirmation the bot answered is on disk.
        var onDisk = SessionsPerPupil(database.Path);
        Assert.All(beforeKill, pupil => Assert.Equal(1, onDisk.GetValueOrDefault(pupil)));

        await using var again = await BotProcess.StartAsync(port, settings);
        restarted.SetResult();
        await Task.WhenAll(pupils).WaitAsync(TimeSpan.FromSeconds(60));

        var final = SessionsPerPupil(database.Path);
        Assert.Equal(Pupils, final.Count);
        Assert.All(final, pupil => Assert.Equal(1, pupil.Value));
    }

    [Fact]
    public async Task TheSameConfirmation_DeliveredTwiceAtOnce_IsStoredOnce_OnDirectLineAndOnDiscord()
    {
        using var database = new TempDatabase();
        using var key = DiscordClient.NewKey();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(key));
        using var http = app.CreateClient();

        var web = new DirectLineClient(http, "twice-web");
        await web.StartAsync();
        foreach (var (text, choice) in Session[..^1]) await web.SayAsync(text, choice is null ? null : new JsonObject { ["choiceId"] = choice });
        var confirm = DirectLineClient.Message(web.UserId, "Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" }, clientActivityId: "confirm-1");
        var answers = await Task.WhenAll(web.PostAsync(confirm), web.PostAsync((JsonObject)confirm.DeepClone()));
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        Assert.Equal(await answers[0].Content.ReadAsStringAsync(), await answers[1].Content.ReadAsStringAsync());

        var lea = new DiscordClient(http, key, "80351110224670001", "Léa");
        await lea.CommandAsync("jai-partagé");
        await lea.SubmitAsync("contribution", new()
        {
            ["date"] = "vendredi 27 novembre 2026", ["shared"] = "Un atelier", ["learned"] = "Plein de choses", ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        var click = Encoding.UTF8.GetBytes(lea.Interaction(3, new JsonObject { ["custom_id"] = "recap:yes", ["component_type"] = 2 }).ToJsonString());
        var clicks = await Task.WhenAll(lea.PostAsync(click, sign: true), lea.PostAsync(click, sign: true));
        Assert.All(clicks, c => Assert.True(c.IsSuccessStatusCode));

        var stored = SessionsPerPupil(database.Path);
        Assert.Equal(1, stored["twice-web"]);
        Assert.Equal(1, stored["80351110224670001"]);
    }
}

/// <summary>
/// The bot killed between a decision's commit and its notice: the outbox row outlives the process,
/// and the next start delivers it. Discord shows it once, thanks to the row's enforced nonce.
/// </summary>
public class OutboxCrashTests
{
    private const string LeaId = "80351110224678912", CounsellorRole = "1290000000000000777";

    [Fact]
    public async Task KilledAfterADecisionsCommit_BeforeItsNoticeWentOut_TheNoticeIsDeliveredOnceAfterTheRestart()
    {
        using var database = new TempDatabase();
        await using var discord = await FakeDiscord.StartAsync();
        using var key = DiscordClient.NewKey();
        var settings = DiscordClient.Settings(key, discord.BaseUrl, ("Discord:CounsellorRoleIds:0", CounsellorRole))
            .ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        settings["ConnectionStrings__Bot"] = database.ConnectionString;
        settings["Jobs__RunServer"] = "false"; // no sweep: the restart alone must deliver it
        settings["Outbox__LeaseSeconds"] = "1"; // the dead instance's hold on the row ends soon
        var port = BotProcess.FreePort();

        // Discord takes the DM request but never answers: the process dies with the notice in flight.
        discord.HoldMessages = true;
        var bot = await BotProcess.StartAsync(port, settings);
        using (var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(10) })
        {
            // A process of its own runs on the real clock: the interactions are signed with it.
            var lea = new DiscordClient(http, key, LeaId, "Léa", clock: TimeProvider.System);
            await lea.CommandAsync("badges");
            await lea.ClickAsync("badge:engagement-citoyen");
            await lea.ClickAsync("badge:nomessage");
            var request = RequestId(database.Path);
            var counsellor = new DiscordClient(http, key, "80351110224670000", "Mme Martin", [CounsellorRole], TimeProvider.System);
            var decided = await counsellor.ClickAsync($"start:review:approve:{request}");
            Assert.Contains("C'est validé", decided["data"]!["content"]!.GetValue<string>());
            for (var i = 0; i < 200 && !discord.Calls.Any(c => c.Path == $"channels/dm-{LeaId}/messages"); i++) await Task.Delay(25);
            Assert.Contains(discord.Calls, c => c.Path == $"channels/dm-{LeaId}/messages");
        }
        await bot.KillAsync();
        Assert.Single(discord.Shown); // Discord showed it; the bot never heard back, and recorded nothing

        discord.HoldMessages = false;
        await using var again = await BotProcess.StartAsync(port, settings);
        for (var i = 0; i < 400 && discord.Calls.Count(c => c.Path == $"channels/dm-{LeaId}/messages") < 2; i++) await Task.Delay(25);
        await Task.Delay(1000); // time for a third copy, if there were one
        var (channel, notice) = Assert.Single(discord.Shown);
        Assert.Equal($"dm-{LeaId}", channel);
        Assert.StartsWith("🎉 Bonne nouvelle !", notice["content"]!.GetValue<string>());
        // Sent at least twice (once before the kill, once after), with one nonce: shown once.
        var posts = discord.Calls.Where(c => c.Path == $"channels/dm-{LeaId}/messages").ToList();
        Assert.True(posts.Count >= 2);
        Assert.Single(posts.Select(p => p.Json!["nonce"]!.GetValue<string>()).Distinct());
    }

    private static string RequestId(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM BadgeRequests";
        return Guid.Parse((string)command.ExecuteScalar()!).ToString("N");
    }
}
