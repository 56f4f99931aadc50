using System.Diagnostics;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;

namespace Bot.Bench;

/// <summary>
/// Drawing the charts, in this process: a full first trimester of a group of 25 pupils (most of them every Friday of
/// class), /suivi's chart, /eleve's and /mon-trimestre's. The first draw (fonts, ScottPlot) is reported apart.
/// </summary>
internal static class Charts
{
    private const double BudgetMs = 50;

    public static bool Run(int repeat)
    {
        Console.WriteLine();
        Console.WriteLine($"Charts: a trimester of 25 pupils, each chart drawn {repeat} times (budget p95 < {BudgetMs} ms)");
        var term = new SchoolPeriod { Name = "1er trimestre 2026-2027", First = new(2026, 9, 1), Last = new(2026, 12, 18) };
        SchoolPeriod[] holidays = [new() { Name = "Vacances de la Toussaint", First = new(2026, 10, 17), Last = new(2026, 11, 1) }];
        var sessions = Seed(term, holidays);
        var pupil = sessions[0].PersonId;
        var first = Stopwatch.StartNew();
        var size = TrimesterChart.Render(ChartData.Group(term, holidays, DayOfWeek.Friday, sessions)).Png.Length;
        Console.WriteLine($"{"first chart of the process (fonts, ScottPlot)",-44} {first.Elapsed.TotalMilliseconds,7:F1} ms  ({size / 1024} KB)");
        var ok = true;
        ok &= Measure("/suivi chart (720x720)", repeat,
            () => TrimesterChart.Render(ChartData.Group(term, holidays, DayOfWeek.Friday, sessions)).Png.Length);
        ok &= Measure("/eleve chart (720x440)", repeat,
            () => PupilChart.Render(ChartData.Pupil("Léa", term, holidays, DayOfWeek.Friday, sessions.Where(s => s.PersonId == pupil)), false).Png.Length);
        ok &= Measure("/mon-trimestre chart (540x340)", repeat,
            () => PupilChart.Render(ChartData.Pupil("", term, holidays, DayOfWeek.Friday, sessions.Where(s => s.PersonId == pupil)), true).Png.Length);
        return ok;
    }

    private static bool Measure(string name, int repeat, Func<int> draw)
    {
        var stats = new Stats(name);
        var bytes = 0;
        stats.Start();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            bytes = draw();
            stats.Add(watch.Elapsed);
        }
        stats.Stop();
        var ok = stats.Percentile(95) < BudgetMs;
        Console.WriteLine($"{stats.Line()}  {bytes / 1024} KB{(ok ? "" : "  OVER BUDGET")}");
        return ok;
    }

    private static List<Contribution> Seed(SchoolPeriod term, SchoolPeriod[] holidays)
    {
        var random = new Random(17);
        var pupils = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        var sessions = new List<Contribution>();
        for (var day = new DateOnly(2026, 9, 4); day <= term.Last; day = day.AddDays(7))
        {
            if (holidays.Any(h => h.Contains(day))) continue;
            foreach (var pupil in pupils.Where((_, i) => i == 0 || random.NextDouble() < 0.7))
                sessions.Add(new Contribution
                {
                    PersonId = pupil, SessionDate = day, Domain = (ContributionDomain)random.Next(4), Level = random.Next(1, 5), Shared = "", Learned = "",
                });
        }
        return sessions;
    }
}
