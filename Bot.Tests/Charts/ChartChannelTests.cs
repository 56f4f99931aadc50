using System.Text.Json.Nodes;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.People;
using Bot.Dialogs.Store;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Charts;

/// <summary>The counsellor's /suivi chart on each channel, for a group where Léa logged sessions on 20 and 27 November.</summary>
internal static class ChartSeed
{
    public const string AltStart = "Graphique du 1er trimestre 2026-2027. Élèves qui ont noté une séance, par vendredi : 20 novembre 1, 27 novembre 1 ;";

    public static async Task SessionsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var group = await db.Groups.OrderBy(g => g.Slug).FirstAsync();
        var lea = new Person { DisplayName = "Léa", GroupId = group.Id };
        db.People.Add(lea);
        foreach (var (day, level) in new[] { (new DateOnly(2026, 11, 20), 2), (new DateOnly(2026, 11, 27), 3) })
            db.Contributions.Add(new Contribution
            {
                PersonId = lea.Id, GroupId = group.Id, SessionDate = day, Domain = ContributionDomain.CivicEngagement, Level = level,
                Shared = "Un débat", Learned = "Écouter",
            });
        await db.SaveChangesAsync();
    }

    /// <summary>The counsellor on the web chat, her page open, asks /suivi.</summary>
    public static async Task<DirectLineClient> CounsellorAsksSuiviAsync(HttpClient http)
    {
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.PollAsync();
        await counsellor.SayAsync("/suivi");
        return counsellor;
    }

    public static void AssertIsTheChart(byte[] png)
    {
        var image = Pixels.Decode(png);
        Assert.Equal((TrimesterChart.Width, TrimesterChart.Height), (image.Width, image.Height));
        Assert.InRange(png.Length, 5_000, 100_000);
    }
}

public class WebChatChartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Suivi_ShowsTheChartAsAnInlinePng_WithItsAltText_BeforeTheText()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        await ChartSeed.SessionsAsync(app.Services);
        var counsellor = await ChartSeed.CounsellorAsksSuiviAsync(http);
        var activities = (await counsellor.PollAsync()).Select(a => a!).ToList();
        var image = activities.Single(a => a["attachments"]?[0]?["contentType"]?.GetValue<string>() == "image/png")["attachments"]![0]!;
        Assert.StartsWith(ChartSeed.AltStart, image["name"]!.GetValue<string>());
        var url = image["contentUrl"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", url);
        ChartSeed.AssertIsTheChart(Convert.FromBase64String(url["data:image/png;base64,".Length..]));
        Assert.Contains("1 élève a participé", activities[^1]["text"]!.GetValue<string>());
    }
}

public class DiscordChartTests : FakeDiscordApp
{
    [Fact]
    public async Task Suivi_IsDeferred_ThenTheChartComesAsAMultipartAttachment_WithTheTextAndAltText()
    {
        await ChartSeed.SessionsAsync(App.Services);
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        Assert.Equal(5, (await counsellor.CommandAsync("suivi"))["type"]!.GetValue<int>());
        DiscordCall? call = null;
        for (var i = 0; i < 100 && call is null; i++)
        {
            call = Discord.Calls.FirstOrDefault(c => c.Method == "PATCH");
            if (call is null) await Task.Delay(50);
        }
        Assert.NotNull(call);
        var (field, fileName, png) = Assert.Single(call.Files);
        Assert.Equal(("files[0]", "suivi-du-trimestre.png"), (field, fileName));
        Assert.Equal("suivi-du-trimestre.png", call.Json!["attachments"]![0]!["filename"]!.GetValue<string>());
        // The image's own alt text, which Discord reads out and shows on hover (its limit: 1,024 characters).
        var description = call.Json!["attachments"]![0]!["description"]!.GetValue<string>();
        Assert.StartsWith("Graphique du 1er trimestre 2026-2027.", description);
        Assert.True(description.Length <= 1024);
        ChartSeed.AssertIsTheChart(png);
        var content = call.Json!["content"]!.GetValue<string>();
        Assert.Contains(ChartSeed.AltStart, content);
        Assert.Contains("1 élève a participé", content);
    }
}

public class TeamsChartTests
{
    [Fact]
    public async Task Suivi_ShowsTheChartInline_AsADataUrl_WithItsAltText()
    {
        await using var teams = await TeamsApp.StartAsync(new Dictionary<string, string> { ["Teams:CounsellorIds:0"] = "aad-martin" });
        await ChartSeed.SessionsAsync(teams.App.Services);
        var counsellor = teams.Client("aad-martin", "Mme Martin", "a:conv-martin");
        await counsellor.SayAsync("suivi");
        var image = counsellor.Replies.Select(TeamsClient.Attachment).Single(a => a?["contentType"]?.GetValue<string>() == "image/png")!;
        Assert.StartsWith(ChartSeed.AltStart, image["name"]!.GetValue<string>());
        var url = image["contentUrl"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", url);
        ChartSeed.AssertIsTheChart(Convert.FromBase64String(url["data:image/png;base64,".Length..]));
    }
}
