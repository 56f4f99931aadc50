using Bot.Dialogs.Contributions;
using ScottPlot;

namespace Bot.Dialogs.Charts;

/// <summary>Where things landed on a pupil's chart: the pixel of a date at a level.</summary>
internal sealed record PupilLayout(Func<DateOnly, double, (float X, float Y)> At);

/// <summary>
/// /eleve's chart, and /mon-trimestre's smaller one: each session of the pupil at its week, at the level they gave
/// themselves, in its domain's colour and shape; holidays shaded.
/// </summary>
public static class PupilChart
{
    public const int Width = 720;
    public const int Height = 440;
    public const int SmallWidth = 540;
    public const int SmallHeight = 340;

    public static Chart Render(PupilChartData data, bool small) => Draw(data, small).Chart;

    internal static (Chart Chart, PupilLayout Layout) Draw(PupilChartData data, bool small)
    {
        var (width, height, scale) = small ? (SmallWidth, SmallHeight, 0.85f) : (Width, Height, 1f);
        var plot = ChartStyle.NewPlot(scale);
        plot.Title(ChartTexts.PupilTitle(data.Name, own: small));
        foreach (var (first, last) in TrimesterChart.HolidayRuns(data.Weeks))
        {
            var span = plot.Add.HorizontalSpan(first - 0.5, last + 0.5);
            span.FillStyle.Color = ChartStyle.Holiday;
            span.LineStyle.Width = 0;
        }
        // One series per domain that has sessions, so that the legend names each once.
        foreach (var domain in data.Sessions.Select(s => s.Domain).Distinct().Order())
        {
            var own = data.Sessions.Where(s => s.Domain == domain).ToList();
            double[] xs = [.. own.Select(s => data.Position(s.Date))];
            double[] ys = [.. own.Select(s => (double)s.Level)];
            plot.Add.Markers(xs, ys, ChartStyle.Shapes[domain], 16 * scale, ChartStyle.Domains[domain]);
            // Listed by hand: a legend with a hand-made item shows those only.
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = ContributionTexts.Domains[domain], MarkerShape = ChartStyle.Shapes[domain], MarkerFillColor = ChartStyle.Domains[domain],
                MarkerSize = 14 * scale, MarkerLineWidth = 0,
            });
        }
        var step = data.Weeks.Count > (small ? 6 : 10) ? (small ? 3 : 2) : 1;
        var ticks = data.Weeks.Select((w, i) => (w, i)).Where(x => x.i % step == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. ticks.Select(x => (double)x.i)], [.. ticks.Select(x => ChartTexts.Tick(x.w.SessionDay))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([1, 2, 3, 4], ["1", "2", "3", "4"]);
        plot.Axes.Left.Label.Text = ChartTexts.Level;
        plot.Axes.SetLimits(-0.6, data.Weeks.Count - 0.4, 0.5, 4.5);
        plot.Grid.XAxisStyle.IsVisible = false;
        if (data.Sessions.Count > 0 || data.Weeks.Any(w => w.Holiday is not null))
        {
            if (data.Weeks.Any(w => w.Holiday is not null))
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartTexts.Holidays, FillColor = ChartStyle.Holiday });
            plot.ShowLegend(Edge.Bottom);
        }
        PupilLayout? layout = null;
        var png = ChartStyle.Png(width, height, canvas =>
        {
            plot.Render(canvas, width, height);
            layout = new((date, level) =>
            {
                var pixel = plot.GetPixel(new Coordinates(data.Position(date), level));
                return (pixel.X, pixel.Y);
            });
        });
        return (new Chart(png, ChartTexts.PupilAlt(data, own: small)), layout!);
    }
}
