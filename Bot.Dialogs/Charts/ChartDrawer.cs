using Bot.Dialogs.Engine;
using Microsoft.Extensions.Logging;

namespace Bot.Dialogs.Charts;

/// <summary>
/// Turns an answer's <see cref="ChartReply"/>s into images, where the answer leaves and outside any turn's transaction.
/// A chart that cannot be drawn goes as its words: the rest of the answer still goes.
/// </summary>
public partial class ChartDrawer(ILogger<ChartDrawer> logger)
{
    /// <summary>Draws one chart (virtual: a test may watch when and where charts are drawn).</summary>
    public virtual Chart Draw(ChartReply chart) => chart.Draw();

    /// <summary>The replies with each chart drawn; the same list when there is none.</summary>
    public IReadOnlyList<Reply> DrawAll(IReadOnlyList<Reply> replies) =>
        replies.Any(r => r is ChartReply) ? [.. replies.Select(r => r is ChartReply chart ? Image(chart) : r)] : replies;

    /// <summary>The chart as an image, or as its alt text if it could not be drawn.</summary>
    public Reply Image(ChartReply chart)
    {
        try
        {
            var drawn = Draw(chart);
            return new ImageReply(drawn.Png, drawn.AltText) { FileName = chart.FileName };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, chart.FileName);
            return new TextReply(chart.AltText);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chart {FileName} could not be drawn; its alt text was sent instead")]
    private partial void LogFailed(Exception ex, string fileName);
}
