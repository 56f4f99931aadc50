using System.Diagnostics;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;
using Microsoft.Extensions.Options;

namespace Bot.Turns;

public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>Draw each kind of chart once after start, so that the first counsellor to ask does not wait for the loading.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>How long after start: once the bot answers, so that its start is not slower for it.</summary>
    public TimeSpan WarmUpAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The first drawing of a process loads the embedded font, SkiaSharp's native library and ScottPlot, and compiles their
/// code: about 200 ms on the 2-core machine, against 5 to 15 ms for the next ones (docs/PERFORMANCE.md). This pays it once,
/// in the background a few seconds after start, with made-up numbers (no one's data).
/// </summary>
internal sealed partial class ChartWarmUp(IHostApplicationLifetime lifetime, IOptions<ChartOptions> options, ILogger<ChartWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp) return;
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(options.Value.WarmUpAfter, stoppingToken);
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var chart in Samples()) chart.Draw();
            LogWarmedUp(clock.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            // Not fatal: each chart is sent as its words if it cannot be drawn (ChartDrawer), and that is logged there too.
            LogFailed(ex);
        }
    }

    private static IEnumerable<ChartReply> Samples()
    {
        var term = new SchoolPeriod { Name = "trimestre d'essai", First = new DateOnly(2026, 9, 1), Last = new DateOnly(2026, 12, 18) };
        SchoolPeriod[] holidays = [new() { Name = "vacances d'essai", First = new DateOnly(2026, 10, 17), Last = new DateOnly(2026, 11, 1) }];
        Contribution[] sessions =
        [
            new() { SessionDate = new DateOnly(2026, 9, 11), Domain = ContributionDomain.DigitalSkills, Level = 2, Shared = "", Learned = "" },
            new() { SessionDate = new DateOnly(2026, 11, 20), Domain = ContributionDomain.CivicEngagement, Level = 3, Shared = "", Learned = "" },
        ];
        yield return new GroupChartReply(ChartData.Group(term, holidays, DayOfWeek.Friday, sessions), DayOfWeek.Friday);
        yield return new PupilChartReply(ChartData.Pupil("Essai", term, holidays, DayOfWeek.Friday, sessions), Own: false);
        yield return new PupilChartReply(ChartData.Pupil("Essai", term, holidays, DayOfWeek.Friday, sessions), Own: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charts drawn once to warm up, in {Milliseconds} ms")]
    private partial void LogWarmedUp(long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Charts could not be drawn to warm up")]
    private partial void LogFailed(Exception ex);
}
