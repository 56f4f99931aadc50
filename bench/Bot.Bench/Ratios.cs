using System.Globalization;

namespace Bot.Bench;

/// <summary>A figure of the load run, with the floor's and the echo's figure of the same kind to divide it by (null: none makes sense).</summary>
internal sealed record Figure(string Label, string Unit = "", string Format = "F2", Func<LoadRun, double>? Value = null,
    Func<LoadRun, double>? Floor = null, Func<LoadRun, double>? Echo = null)
{
    public string Line(IReadOnlyList<LoadRun> runs)
    {
        if (Value is null) return Label;
        var absolute = $"{Ratios.Median(runs.Select(Value)).ToString(Format, CultureInfo.InvariantCulture)} {Unit}";
        // A baseline against itself is 1 in every run: no spread to print.
        string Cell(Func<LoadRun, double>? by) => by is null ? "" : by == Value ? "1×" : Ratios.Cell(runs.Select(r => Ratios.Of(Value(r), by(r))).ToList());
        return $"  {Label,-54} {absolute,14}   {Cell(Floor),-24} {Cell(Echo),-24}".TrimEnd();
    }
}

/// <summary>One of the targets: a ratio measured in each run, its median held to the limit.</summary>
internal sealed record Target(string Label, Func<LoadRun, double> Ratio, double Limit, bool AtMost, Func<IReadOnlyList<LoadRun>, string> Detail)
{
    public (bool Met, string Line) Check(IReadOnlyList<LoadRun> runs)
    {
        var ratios = runs.Select(Ratio).ToList();
        var median = Ratios.Median(ratios);
        var met = ratios.All(double.IsFinite) && (AtMost ? median <= Limit : median >= Limit);
        return (met, $"{Label}: {Ratios.Cell(ratios)}, {Detail(runs)}");
    }
}

internal static class Ratios
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>NaN when there is nothing to divide by (no request finished in a smoke run's window): no target is met on it.</summary>
    public static double Of(double value, double by) => by > 0 && double.IsFinite(by) ? value / by : double.NaN;

    /// <summary>"3.21×", or with several runs "3.21× (2.90–3.48)": the median, then the smallest and the largest.</summary>
    public static string Cell(IReadOnlyList<double> ratios) =>
        !ratios.All(double.IsFinite) ? "n/a" : ratios.Count == 1 ? $"{ratios[0]:F2}×" : $"{Median(ratios):F2}× ({ratios.Min():F2}–{ratios.Max():F2})";

    private static double Median(IReadOnlyList<LoadRun> runs, Func<LoadRun, double> value) => Median(runs.Select(value));

    private static double P50(Stats stats) => stats.Percentile(50);

    public static IEnumerable<Figure> Figures(Settings s)
    {
        Func<LoadRun, double> floorAlone = r => P50(r.Floor.Alone), echoAlone = r => P50(r.Echo.Alone);
        Func<LoadRun, double> floorMost = r => r.Floor.Saturated.PerSecond, echoMost = r => r.Echo.Saturated.PerSecond;
        Func<LoadRun, double> floorStart = r => r.Floor.Start.TotalSeconds, echoStart = r => r.Echo.Start.TotalSeconds;
        Func<LoadRun, double> floorMemory = r => r.Floor.MemoryMegabytes, echoMemory = r => r.Echo.MemoryMegabytes;
        return
        [
            new("Latency (÷ the floor's and the echo's request alone, p50)"),
            new("floor: receive, store, answer; one user alone, p50", "ms", "F2", floorAlone, floorAlone, echoAlone),
            new("echo: a Bot Builder turn; one user alone, p50", "ms", "F2", echoAlone, floorAlone, echoAlone),
            new("bot: a pupil's Direct Line turn, alone, p50", "ms", "F2", r => P50(r.Bot.Alone), floorAlone, echoAlone),
            new($"bot: the rush, {s.Pupils} pupils 0.5-2 s apart, p50", "ms", "F2", r => P50(r.Bot.Rush), floorAlone, echoAlone),
            new($"bot: the rush, {s.Pupils} pupils 0.5-2 s apart, p99", "ms", "F2", r => r.Bot.Rush.Percentile(99), floorAlone, echoAlone),
            new($"bot: Discord, {s.DiscordPerSecond}/s open loop, p99", "ms", "F2", r => r.Bot.Discord.Percentile(99), floorAlone, echoAlone),
            new($"Throughput, {s.Pupils} clients saturating (÷ the floor's and the echo's)"),
            new("floor", "/s", "F0", floorMost, floorMost, echoMost),
            new("echo", "/s", "F0", echoMost, floorMost, echoMost),
            new("bot: Direct Line turns", "/s", "F0", r => r.Bot.Saturated.PerSecond, floorMost, echoMost),
            new($"bot: Discord, asked {s.DiscordPerSecond}/s", "/s", "F0", r => r.Bot.Discord.PerSecond),
            new("Start to first answer (÷ the floor's and the echo's)"),
            new("floor", "s", "F2", floorStart, floorStart, echoStart),
            new("echo", "s", "F2", echoStart, floorStart, echoStart),
            new("bot, first start (creates its database)", "s", "F2", r => r.Bot.FirstStart.TotalSeconds, floorStart, echoStart),
            new("bot, restart (its database there)", "s", "F2", r => r.Bot.Start.TotalSeconds, floorStart, echoStart),
            new($"Resident memory after at least {s.MemoryTurns:N0} turns of its own (÷ the floor's and the echo's)"),
            new("floor", "MB", "F0", floorMemory, floorMemory, echoMemory),
            new("echo", "MB", "F0", echoMemory, floorMemory, echoMemory),
            new("bot", "MB", "F0", r => r.Bot.MemoryMegabytes, floorMemory, echoMemory),
        ];
    }

    public static IEnumerable<Target> Targets(Settings s) =>
    [
        new("a pupil's turn alone, p50 ≤ 3× the floor's request alone", r => Of(P50(r.Bot.Alone), P50(r.Floor.Alone)), 3, AtMost: true,
            runs => $"{Median(runs, r => P50(r.Bot.Alone)):F2} ms against {Median(runs, r => P50(r.Floor.Alone)):F2} ms"),
        new("saturated throughput ≥ 4× the echo's", r => Of(r.Bot.Saturated.PerSecond, r.Echo.Saturated.PerSecond), 4, AtMost: false,
            runs => $"{Median(runs, r => r.Bot.Saturated.PerSecond):F0} against {Median(runs, r => r.Echo.Saturated.PerSecond):F0} turns/s"),
        new($"the rush p99 ({s.Pupils} pupils, 0.5-2 s apart) ≤ 2× the bot's turn alone, p50", r => Of(r.Bot.Rush.Percentile(99), P50(r.Bot.Alone)), 2,
            AtMost: true, runs => $"{Median(runs, r => r.Bot.Rush.Percentile(99)):F2} ms against {Median(runs, r => P50(r.Bot.Alone)):F2} ms"),
        new("restart to first answer ≤ 2× the echo's start", r => Of(r.Bot.Start.TotalSeconds, r.Echo.Start.TotalSeconds), 2, AtMost: true,
            runs => $"{Median(runs, r => r.Bot.Start.TotalSeconds):F2} s against {Median(runs, r => r.Echo.Start.TotalSeconds):F2} s; " +
                $"the floor {Median(runs, r => r.Floor.Start.TotalSeconds):F2} s"),
        new($"resident memory after {s.MemoryTurns:N0} turns ≤ 0.6× the echo's after as many", r => Of(r.Bot.MemoryMegabytes, r.Echo.MemoryMegabytes), 0.6,
            AtMost: true, runs => $"{Median(runs, r => r.Bot.MemoryMegabytes):F0} MB after {Median(runs, r => r.Bot.Turns):N0} turns against " +
                $"{Median(runs, r => r.Echo.MemoryMegabytes):F0} MB after {Median(runs, r => r.Echo.Turns):N0}"),
    ];
}
