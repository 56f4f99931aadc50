using System.Net;
using Bot.Channels.WebChat;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Engine;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Charts;

/// <summary>
/// The app's own drawer, watched: at each drawing it checks that the SQLite write gate is free at that moment, that is
/// that any other pupil's turn could write while the chart is drawn. A chart drawn inside a turn's transaction finds the
/// gate held by that turn (one second is far more than a free gate takes).
/// </summary>
internal sealed class GateWatchingDrawer(SqliteWriteGate gate) : ChartDrawer(NullLogger<ChartDrawer>.Instance)
{
    public ConcurrentQueue<bool> GateFreeAtEachDrawing { get; } = new();

    public override Chart Draw(ChartReply chart)
    {
        GateFreeAtEachDrawing.Enqueue(GateIsFree());
        return base.Draw(chart);
    }

    private bool GateIsFree()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            gate.EnterAsync(wait.Token).GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static void Watch(IServiceCollection services) =>
        services.AddSingleton<ChartDrawer>(sp => new GateWatchingDrawer(sp.GetRequiredService<SqliteWriteGate>()));

    public static GateWatchingDrawer Of(IServiceProvider services) => (GateWatchingDrawer)services.GetRequiredService<ChartDrawer>();
}

/// <summary>Issue 17: a chart is drawn off the hot path of other pupils' turns, on every channel.</summary>
public class WebChatChartDrawingTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Suivi_TheTranscriptKeepsTheChartsNumbers_AndTheChartIsDrawnWhenRead_WithTheWriteGateFree()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), services: GateWatchingDrawer.Watch);
        using var http = app.CreateClient();
        await ChartSeed.SessionsAsync(app.Services);
        var counsellor = await ChartSeed.CounsellorAsksSuiviAsync(http);
        using (var scope = app.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().DirectLineActivities
                .Where(a => a.ConversationId == counsellor.ConversationId).Select(a => a.Json).ToListAsync();
            var chart = Assert.Single(stored, json => json.Contains("\"chart\":", StringComparison.Ordinal));
            Assert.DoesNotContain("image/png", chart, StringComparison.Ordinal);
        }
        Assert.Empty(GateWatchingDrawer.Of(app.Services).GateFreeAtEachDrawing);

        var image = (await counsellor.PollAsync()).Select(a => a!["attachments"]?[0]).Single(a => a?["contentType"]?.GetValue<string>() == "image/png")!;
        Assert.StartsWith(ChartSeed.AltStart, image["name"]!.GetValue<string>());
        ChartSeed.AssertIsTheChart(Convert.FromBase64String(image["contentUrl"]!.GetValue<string>()["data:image/png;base64,".Length..]));
        Assert.Equal([true], GateWatchingDrawer.Of(app.Services).GateFreeAtEachDrawing);
    }

    /// <summary>Polls are not rate-limited: reading the transcript again (a reload) must not draw its charts again.</summary>
    [Fact]
    public async Task MonTrimestre_APupilWhoReloadsThePage_SeesTheirChartAgain_WithoutDrawingItAgain()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Monday), services: GateWatchingDrawer.Watch);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé 27/11", "Un débat", "Écouter", "citoyen", "2", "oui", "/mon-trimestre" }) await lea.SayAsync(turn);
        var first = ServedCharts.Pngs(await lea.PollAsync());
        var reloaded = new DirectLineClient(http, "lea");
        reloaded.Resume(lea.ConversationId, lea.Token);
        var again = ServedCharts.Pngs(await reloaded.PollAsync());

        var png = Assert.Single(first);
        Assert.Equal(png, Assert.Single(again));
        Assert.Equal((PupilChart.SmallWidth, PupilChart.SmallHeight), (Pixels.Decode(png).Width, Pixels.Decode(png).Height));
        Assert.Equal([true], GateWatchingDrawer.Of(app.Services).GateFreeAtEachDrawing);
    }

    /// <summary>
    /// The attack: a client posts an activity carrying a chart's numbers of its own (at the top, in its value, in channelData),
    /// hoping the bot draws whatever it sends at each read. Only the server's answers carry a chart.
    /// </summary>
    [Fact]
    public async Task AChartForgedInAPostedActivity_IsNeverDrawn()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Monday), services: GateWatchingDrawer.Watch);
        using var http = app.CreateClient();
        var mallory = new DirectLineClient(http, "mallory");
        await mallory.StartAsync();
        var forged = ReplyJson.ToNode(new GroupChartReply(ChartDataTests.GroupData(), DayOfWeek.Friday));
        var activity = DirectLineClient.Message("mallory", "bonjour", new JsonObject { ["chart"] = forged.DeepClone() });
        activity["chart"] = forged.DeepClone();
        ((JsonObject)activity["channelData"]!)["chart"] = forged.DeepClone();
        using (var response = await mallory.PostAsync(activity))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await mallory.PollAsync();
        Assert.NotEmpty(served);
        Assert.Empty(ServedCharts.Pngs(served));
        Assert.DoesNotContain(served, a => a!.ToJsonString().Contains("\"chart\"", StringComparison.Ordinal));
        Assert.Empty(GateWatchingDrawer.Of(app.Services).GateFreeAtEachDrawing);
    }

    /// <summary>A pupil who erases their data leaves no drawing of their chart behind, not even in memory.</summary>
    [Fact]
    public async Task APupilsErasure_ForgetsTheirDrawnCharts()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Monday));
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé 27/11", "Un débat", "Écouter", "citoyen", "2", "oui", "/mon-trimestre" }) await lea.SayAsync(turn);
        Assert.Single(ServedCharts.Pngs(await lea.PollAsync()));
        var drawn = app.Services.GetRequiredService<DrawnCharts>();
        Assert.Equal(1, drawn.Count);

        await lea.SayAsync("supprimer mes données");
        await lea.ClickAsync("mydata:confirm", "Oui, tout effacer");
        Assert.Contains(await lea.BotSaysAsync(), t => t.StartsWith("C'est fait", StringComparison.Ordinal));
        Assert.Equal(0, drawn.Count);
    }
}

internal static class ServedCharts
{
    /// <summary>The PNGs of the inline images among served activities.</summary>
    public static List<byte[]> Pngs(JsonArray activities) =>
        [
            .. activities.Select(a => a!["attachments"]?[0]).Where(a => a?["contentType"]?.GetValue<string>() == "image/png")
                .Select(a => Convert.FromBase64String(a!["contentUrl"]!.GetValue<string>()["data:image/png;base64,".Length..])),
        ];
}

/// <summary>A drawing that fails (a native library missing on a server): the chart goes as its words, the rest as usual.</summary>
public class ChartNotDrawnTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private sealed class BrokenDrawer() : ChartDrawer(NullLogger<ChartDrawer>.Instance)
    {
        public override Chart Draw(ChartReply chart) => throw new DllNotFoundException("libSkiaSharp");
    }

    [Fact]
    public async Task Suivi_OnTheWebChat_SaysTheChartsNumbersInWords()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.AddSingleton<ChartDrawer>(new BrokenDrawer()));
        using var http = app.CreateClient();
        await ChartSeed.SessionsAsync(app.Services);
        var counsellor = await ChartSeed.CounsellorAsksSuiviAsync(http);
        var said = (await counsellor.BotSaysAsync()).ToList();
        var chart = said.FindIndex(t => t.StartsWith(ChartSeed.AltStart, StringComparison.Ordinal));
        Assert.True(chart >= 0, string.Join("\n", said));
        Assert.Contains("1 élève a participé", said[chart + 1]);
    }
}

public class DiscordChartDrawingTests : FakeDiscordApp
{
    protected override void ConfigureServices(IServiceCollection services) => GateWatchingDrawer.Watch(services);

    [Fact]
    public async Task Suivi_TheChartIsDrawnAfterTheTurnCommitted_WithTheWriteGateFree()
    {
        await ChartSeed.SessionsAsync(App.Services);
        var counsellor = new DiscordClient(Http, Key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.CommandAsync("suivi");
        DiscordCall? call = null;
        for (var i = 0; i < 100 && call is null; i++)
        {
            call = Discord.Calls.FirstOrDefault(c => c.Method == "PATCH");
            if (call is null) await Task.Delay(50);
        }
        ChartSeed.AssertIsTheChart(Assert.Single(Assert.IsType<DiscordCall>(call).Files).Content);
        Assert.Equal([true], GateWatchingDrawer.Of(App.Services).GateFreeAtEachDrawing);
    }
}

public class TeamsChartDrawingTests
{
    [Fact]
    public async Task Suivi_TheChartIsDrawnAfterTheTurnCommitted_WithTheWriteGateFree()
    {
        await using var teams = await TeamsApp.StartAsync(
            new Dictionary<string, string> { ["Teams:CounsellorIds:0"] = "aad-martin" }, GateWatchingDrawer.Watch);
        await ChartSeed.SessionsAsync(teams.App.Services);
        await teams.Client("aad-martin", "Mme Martin", "a:conv-martin").SayAsync("suivi");
        Assert.Equal([true], GateWatchingDrawer.Of(teams.App.Services).GateFreeAtEachDrawing);
    }
}

/// <summary>What a repeated delivery keeps of a chart: its numbers, drawn again into the same picture.</summary>
public class ChartReplayTests
{
    [Fact]
    public void AChartKeptForARepeat_IsDrawnAgainIdentically()
    {
        ChartReply[] charts =
        [
            new GroupChartReply(ChartDataTests.GroupData(), DayOfWeek.Friday),
            new PupilChartReply(ChartData.Pupil("Tom", TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Friday, []), Own: true),
        ];
        var kept = ReplyJson.Read(ReplyJson.WriteForReplay(charts));
        Assert.Equal(charts.Select(c => c.AltText), kept.Cast<ChartReply>().Select(c => c.AltText));
        Assert.Equal(charts.Select(c => c.Draw().Png), kept.Cast<ChartReply>().Select(c => c.Draw().Png));
    }
}

/// <summary>
/// The first drawing of a process loads the font, SkiaSharp and ScottPlot (about 200 ms here): the bot does it once on its
/// own, a few seconds after it started, so that no counsellor waits for it.
/// </summary>
public class ChartWarmUpTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AfterStart_TheBotDrawsItsChartsOnce_OnItsOwn()
    {
        var logs = new LogCapture();
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs),
            settings: new Dictionary<string, string> { ["Charts:WarmUpAfter"] = "00:00:00" });
        using var http = app.CreateClient();
        string? line = null;
        for (var i = 0; i < 200 && line is null; i++)
        {
            line = logs.Entries.FirstOrDefault(e => e.Contains("Charts drawn once to warm up", StringComparison.Ordinal));
            if (line is null) await Task.Delay(50);
        }
        Assert.NotNull(line);
        Assert.StartsWith("Information", line);
    }

    [Fact]
    public async Task TurnedOff_NothingIsDrawn()
    {
        var logs = new LogCapture();
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs),
            settings: new Dictionary<string, string> { ["Charts:WarmUpAfter"] = "00:00:00", ["Charts:WarmUp"] = "false" });
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        await Task.Delay(1000);
        Assert.DoesNotContain(logs.Entries, e => e.Contains("Charts drawn once", StringComparison.Ordinal));
    }
}
