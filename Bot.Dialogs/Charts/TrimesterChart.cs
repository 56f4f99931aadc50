using Bot.Dialogs.Contributions;
using ScottPlot;

namespace Bot.Dialogs.Charts;

/// <summary>Where things landed on a chart, in pixels: for the tests that read the image back.</summary>
internal sealed record WeeksLayout(IReadOnlyList<float> WeekX, float ZeroY, float OneY);

/// <summary>
/// /suivi's chart: pupils who logged a session each week (bars, holidays shaded) above the trimester's sessions per
/// domain. Stacked rather than side by side, so that on a phone the text stays large enough to read.
/// </summary>
public static class TrimesterChart
{
    public const int Width = 720;
    public const int Height = 720;
    private const int WeeksHeight = 440;

    public static Chart Render(GroupChartData data, DayOfWeek sessionDay = DayOfWeek.Friday) => Draw(data, sessionDay).Chart;

    internal static (Chart Chart, WeeksLayout Layout) Draw(GroupChartData data, DayOfWeek sessionDay = DayOfWeek.Friday)
    {
        var weeks = WeeksPlot(data, sessionDay);
        var domains = DomainsPlot(data);
        WeeksLayout? layout = null;
        var png = ChartStyle.Png(Width, Height, canvas =>
        {
            weeks.Render(canvas, Width, WeeksHeight);
            layout = new([.. data.Weeks.Select((_, i) => weeks.GetPixel(new Coordinates(i, 0)).X)],
                weeks.GetPixel(new Coordinates(0, 0)).Y, weeks.GetPixel(new Coordinates(0, 1)).Y);
            // ScottPlot clears the whole canvas before it draws: the second plot gets a canvas clipped to its band.
            canvas.ClipRect(new SkiaSharp.SKRect(0, WeeksHeight, Width, Height));
            canvas.Translate(0, WeeksHeight);
            domains.Render(canvas, Width, Height - WeeksHeight);
        });
        return (new Chart(png, ChartTexts.GroupAlt(data, sessionDay)), layout!);
    }

    private static Plot WeeksPlot(GroupChartData data, DayOfWeek sessionDay)
    {
        var plot = ChartStyle.NewPlot(1);
        plot.Title(ChartTexts.WeeksTitle(sessionDay));
        foreach (var (first, last) in HolidayRuns(data.Weeks))
        {
            var span = plot.Add.HorizontalSpan(first - 0.5, last + 0.5);
            span.FillStyle.Color = ChartStyle.Holiday;
            span.LineStyle.Width = 0;
        }
        var bars = plot.Add.Bars(data.Weeks.Select((w, i) => new Bar
        {
            Position = i, Value = w.Pupils, FillColor = ChartStyle.Blue, LineWidth = 0, Size = 0.7,
            Label = w.Pupils > 0 ? w.Pupils.ToString(Engine.ParisTime.French) : "",
        }).ToList());
        bars.ValueLabelStyle.FontSize = 16;
        bars.ValueLabelStyle.Bold = true;
        // Every week on a short trimester; every other one on a long one, so that the dates do not collide.
        var step = data.Weeks.Count > 10 ? 2 : 1;
        var ticks = data.Weeks.Select((w, i) => (w, i)).Where(x => x.i % step == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. ticks.Select(x => (double)x.i)], [.. ticks.Select(x => ChartTexts.Tick(x.w.SessionDay))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(-0.6, data.Weeks.Count - 0.4, 0, Math.Max(3, data.Weeks.Select(w => w.Pupils).DefaultIfEmpty().Max() * 1.2 + 0.5));
        plot.Grid.XAxisStyle.IsVisible = false;
        if (data.Weeks.Any(w => w.Holiday is not null))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartTexts.Holidays, FillColor = ChartStyle.Holiday });
            plot.Legend.Alignment = Alignment.UpperLeft;
            plot.Legend.IsVisible = true;
        }
        return plot;
    }

    private static Plot DomainsPlot(GroupChartData data)
    {
        var plot = ChartStyle.NewPlot(1);
        plot.Title(ChartTexts.DomainsTitle);
        // The first domain on top, as the text lists them.
        var count = data.Domains.Count;
        var bars = plot.Add.Bars(data.Domains.Select((d, i) => new Bar
        {
            Position = count - 1 - i, Value = d.Sessions, FillColor = ChartStyle.Domains[d.Domain], LineWidth = 0, Size = 0.7,
            Label = d.Sessions.ToString(Engine.ParisTime.French),
        }).ToList());
        bars.Horizontal = true;
        bars.ValueLabelStyle.FontSize = 16;
        bars.ValueLabelStyle.Bold = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))], [.. data.Domains.Select(d => ContributionTexts.Domains[d.Domain])]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(0, Math.Max(3, data.Domains.Select(d => d.Sessions).DefaultIfEmpty().Max() * 1.15 + 0.5), -0.6, count - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>Consecutive holiday weeks, as first and last index: one shaded band each.</summary>
    internal static IEnumerable<(int First, int Last)> HolidayRuns(IReadOnlyList<ChartWeek> weeks)
    {
        for (var i = 0; i < weeks.Count; i++)
        {
            if (weeks[i].Holiday is null) continue;
            var first = i;
            while (i + 1 < weeks.Count && weeks[i + 1].Holiday is not null) i++;
            yield return (first, i);
        }
    }
}
