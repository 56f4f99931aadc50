using System.Diagnostics;

namespace Bot.Bench;

/// <summary>
/// The load run, as ratios: the floor, the echo and the bot measured in the same run (times do not travel between
/// machines, ratios measured side by side do), each figure beside its absolute, the issue's targets held on the ratios.
/// With several runs, each ratio's median is held and its min–max printed: the run-to-run spread.
/// </summary>
internal static class Report
{
    public static async Task<bool> LoadAsync(Settings s)
    {
        var runs = new List<LoadRun>();
        for (var i = 1; i <= s.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                runs.Add(await LoadRun.MeasureAsync(s));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException)
            {
                Console.WriteLine($"  ✗ run {i}: {ex.Message}");
                return false;
            }
            Console.WriteLine();
            Console.WriteLine($"Run {i} of {s.Runs} ({clock.Elapsed.TotalSeconds:F0} s){(s.Smoke ? ", smoke: a few seconds each" : "")}");
            Console.WriteLine($"{"",-44} {"count",7} {"rate",11}  latency per request");
            foreach (var stats in runs[^1].Stats) Console.WriteLine(stats.Line());
            var bot = runs[^1].Bot;
            Console.WriteLine($"Sessions saved: {bot.Sessions} over Direct Line ({bot.NotSaved} not saved), {bot.DiscordSessions} over Discord.");
        }

        Console.WriteLine();
        var spread = runs.Count > 1 ? $", each ratio the median of {runs.Count} runs (min–max)" : "";
        Console.WriteLine($"Every figure against the floor's and the echo's, measured in the same run{spread}:");
        Console.WriteLine($"  {"",-56} {"absolute",14}   {"÷ floor",-24} ÷ echo");
        foreach (var figure in Ratios.Figures(s)) Console.WriteLine("  " + figure.Line(runs));

        Console.WriteLine();
        Console.WriteLine(s.Smoke ? "Targets (smoke: printed, not held):" : "Targets:");
        var met = true;
        foreach (var target in Ratios.Targets(s))
        {
            var (ok, line) = target.Check(runs);
            met &= ok;
            Console.WriteLine($"  {(ok ? "✓" : "✗")} {line}");
        }

        // What is not a matter of speed: a turn in error, a session the bot said it saved and did not, a run that saved none.
        Console.WriteLine("Functional:");
        var errors = runs.Sum(r => r.Stats.Sum(x => x.Errors) + r.Floor.TopUpErrors + r.Echo.TopUpErrors + r.Bot.TopUpErrors);
        var notSaved = runs.Sum(r => r.Bot.NotSaved);
        var checks = runs.Select(r => r.Bot.SessionCheck).OfType<string>().ToList();
        var works = errors == 0 && notSaved == 0 && checks.Count == 0;
        Console.WriteLine($"  {(errors == 0 ? "✓" : "✗")} no request in error: {errors} (the floor, the echo, the bot)");
        Console.WriteLine($"  {(notSaved == 0 ? "✓" : "✗")} sessions saved under load: {runs.Sum(r => r.Bot.Sessions)} over Direct Line " +
            $"({notSaved} not saved), {runs.Sum(r => r.Bot.DiscordSessions)} over Discord");
        Console.WriteLine($"  {(checks.Count == 0 ? "✓" : "✗")} one session per channel after the load, at no pace: " +
            (checks.Count == 0 ? "saved" : string.Join("; ", checks)));
        return works && (met || s.Smoke);
    }
}
