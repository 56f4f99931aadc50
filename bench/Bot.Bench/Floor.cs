using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Bench;

/// <summary>
/// The floor (bench/Floor): what "receive a message, store it, answer" costs here, the bot's own SQLite set up as the
/// bot's store sets it. Its users post what a pupil's web chat posts, to the same path; the floor stores each as a row.
/// </summary>
internal static class FloorLoad
{
    public static Task<Server> StartAsync(DirectoryInfo data) =>
        Server.StartAsync(Server.Dll("bench/Floor", "Floor"),
            new Dictionary<string, string> { ["ConnectionStrings__Floor"] = $"Data Source={Path.Combine(data.FullName, "floor.db")}" }, "/", data.FullName);

    public static async Task<Stats> RunAsync(Uri floor, int users, TimeSpan warmup, TimeSpan duration)
    {
        using var http = Load.Client(floor);
        return await Load.ClosedLoopAsync($"Floor (store one row), {Load.Clients(users, "user")}", users, warmup, duration,
            async (worker, measured, stop) =>
            {
                var conversation = $"floor-{worker}-{Guid.NewGuid():N}";
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var (ok, latency, error) = await SayAsync(http, conversation, DirectLinePupil.Session[n % DirectLinePupil.Session.Length].Text);
                    if (ok) measured()?.Add(latency); else measured()?.Error(error!);
                }
            });
    }

    /// <summary>The body a pupil's web chat posts (see <see cref="DirectLinePupil"/>); the answer must carry the stored row's id.</summary>
    private static async Task<(bool Ok, TimeSpan Latency, string? Error)> SayAsync(HttpClient http, string conversation, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["from"] = new JsonObject { ["id"] = conversation, ["role"] = "user" }, ["text"] = text,
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync($"/v3/directline/conversations/{conversation}/activities",
                new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            var latency = clock.Elapsed;
            if ((int)response.StatusCode != 200) return (false, latency, $"HTTP {(int)response.StatusCode}");
            return JsonNode.Parse(body)?["id"]?.GetValue<string>() is { Length: > 0 } ? (true, latency, null) : (false, latency, "no id in the answer");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed, ex.GetType().Name);
        }
    }
}
