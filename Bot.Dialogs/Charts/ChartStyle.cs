using Bot.Dialogs.Contributions;
using Bot.Dialogs.Groups;
using ScottPlot;
using SkiaSharp;

namespace Bot.Dialogs.Charts;

/// <summary>A chart to send: the PNG and the alt text that says its numbers.</summary>
public sealed record Chart(byte[] Png, string AltText);

/// <summary>
/// What every chart shares: the Okabe–Ito colours (told apart with any colour vision), Inter for every text (the
/// poster's font, embedded: a server with no fonts draws the same), white behind, and a quick PNG encoding.
/// </summary>
internal static class ChartStyle
{
    public const string FontName = "Inter (embedded)";

    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Holiday = Color.FromHex("#DDDDDD");
    public static readonly Color Ink = Color.FromHex("#222222");

    public static readonly IReadOnlyDictionary<ContributionDomain, Color> Domains = new Dictionary<ContributionDomain, Color>
    {
        [ContributionDomain.DigitalSkills] = Blue,
        [ContributionDomain.CivicEngagement] = Color.FromHex("#D55E00"),
        [ContributionDomain.SoftSkills] = Color.FromHex("#009E73"),
        [ContributionDomain.Other] = Color.FromHex("#CC79A7"),
    };

    // A second cue besides the colour, for the pupil's chart.
    public static readonly IReadOnlyDictionary<ContributionDomain, MarkerShape> Shapes = new Dictionary<ContributionDomain, MarkerShape>
    {
        [ContributionDomain.DigitalSkills] = MarkerShape.FilledCircle,
        [ContributionDomain.CivicEngagement] = MarkerShape.FilledSquare,
        [ContributionDomain.SoftSkills] = MarkerShape.FilledTriangleUp,
        [ContributionDomain.Other] = MarkerShape.FilledDiamond,
    };

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>A plot in the house style; ScottPlot asks our resolver for <see cref="FontName"/>, never the machine.</summary>
    public static Plot NewPlot(float scale)
    {
        Register();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Color.FromHex("#E8E8E8");
        plot.Axes.Title.Label.FontSize = 22 * scale;
        plot.Axes.Title.Label.Bold = true;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 16 * scale;
            axis.Label.FontSize = 17 * scale;
            axis.Label.Bold = false;
        }
        plot.Legend.FontSize = 16 * scale;
        return plot;
    }

    private static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            Fonts.FontResolvers.Insert(0, new EmbeddedFonts());
            _registered = true;
        }
    }

    /// <summary>Draws on a white bitmap of the given size and encodes it; Skia's default PNG filters are several times slower.</summary>
    public static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            draw(canvas);
        }
        using var pixels = bitmap.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 6))
            ?? throw new InvalidOperationException("Skia could not encode the chart as PNG.");
        return png.ToArray();
    }

    /// <summary>Inter for the name we give it; any other name is left to the next resolver.</summary>
    private sealed class EmbeddedFonts : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == FontName ? (bold ? PosterFonts.Bold : PosterFonts.Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
