using System.Globalization;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Hosting;

/// <summary>
/// Logs for a collector: with Logging:Format=json every line the process writes is one JSON object (UTC
/// timestamp, level, category, message); the default stays the simple console. Neither holds what a pupil wrote.
/// </summary>
public sealed class JsonLogTests : IDisposable
{
    private const string PupilText = "mon secret de pupille 7f3a";
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    /// <summary>The bot's stdout while it starts and a pupil speaks, up to its last whole line.</summary>
    private async Task<IReadOnlyList<string>> OutputAsync(string? format)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = _database.ConnectionString, ["Logging__LogLevel__Default"] = "Information",
        };
        if (format is not null) settings["Logging__Format"] = format;
        await using var bot = await BotProcess.StartAsync(BotProcess.FreePort(), settings);
        using var http = new HttpClient { BaseAddress = bot.BaseUrl };
        var pupil = new DirectLineClient(http, "lea");
        await pupil.StartAsync();
        await pupil.SayAsync(PupilText);
        await pupil.BotSaysAsync();
        // The console logger writes from a queue of its own: give it a moment.
        await Task.Delay(500);
        return bot.Output;
    }

    [Fact]
    public async Task WithFormatJson_EveryLineIsOneJsonObject_WithAUtcTimestamp_LevelCategoryAndMessage()
    {
        var lines = await OutputAsync("json");

        Assert.True(lines.Count >= 3, $"only {lines.Count} lines: {string.Join('\n', lines)}");
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var timestamp = root.GetProperty("Timestamp").GetString()!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", timestamp);
            var when = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
            Assert.True((DateTimeOffset.UtcNow - when).Duration() < TimeSpan.FromMinutes(5), $"{timestamp} is not the UTC time");
            Assert.False(string.IsNullOrEmpty(root.GetProperty("LogLevel").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Category").GetString()));
            Assert.True(root.TryGetProperty("Message", out _));
        }
        Assert.Contains(lines, l => l.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal)
            && l.Contains("Now listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(PupilText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ByDefault_TheConsoleStaysSimple()
    {
        var lines = await OutputAsync(null);

        Assert.Contains(lines, l => l.StartsWith("info: Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
        Assert.DoesNotContain(lines, l => l.Contains(PupilText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownFormat_StopsTheStart_SayingWhichAreKnown()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = _database.ConnectionString, ["Logging__Format"] = "xml",
            // Were it to start after all, not on the default port.
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{BotProcess.FreePort()}",
        };
        var (exit, output, error) = await BotCommand.RunAsync(settings);

        Assert.NotEqual(0, exit);
        Assert.Contains("Logging:Format", output + error);
        Assert.Contains("json", output + error);
    }
}
