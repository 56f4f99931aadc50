using Bot.Dialogs.Charts;
using Bot.Tests.Groups;
using SkiaSharp;
using static Bot.Tests.Support.Pixels;

namespace Bot.Tests.Charts;

/// <summary>The charts on a machine with no fonts: their titles and labels still drawn, from the embedded Inter.</summary>
public class ChartNoFontsTests
{
    [SkippableFact]
    public void WithNoFontsOnTheMachine_TheChartsTextIsStillDrawn()
    {
        var work = Directory.CreateTempSubdirectory("chart-no-fonts-");
        try
        {
            var config = Path.Combine(work.FullName, "fonts.conf");
            File.WriteAllText(config, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
            var output = Path.Combine(work.FullName, "chart.png");
            var (exit, stdout, stderr) = GroupPosterTests.RunWithoutFonts(work.CreateSubdirectory("no-fonts").FullName, config, output, "chart");
            if (!stdout.Contains("system typeface glyphs:"))
            {
                const string why = "needs unshare (util-linux) and mount namespaces to hide the machine's fonts";
                if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"CI=true but this test {why}: {stderr}");
                Skip.If(true, $"This test {why}: {stderr}");
            }
            Assert.True(exit == 0, stderr);
            Assert.Contains("system typeface glyphs: 0", stdout);
            var image = Decode(File.ReadAllBytes(output));
            Assert.Equal((TrimesterChart.Width, TrimesterChart.Height), (image.Width, image.Height));
            // Above the plot's frame, only the title's letters can be dark; without a font they are missing.
            Assert.InRange(Dark(image, new(0, 0, image.Width, 20)), 100, int.MaxValue);
            // And the whole chart is the one drawn here, with the machine's fonts within reach: they played no part.
            var here = Decode(TrimesterChart.Render(ChartDataTests.GroupData()).Png);
            Assert.Equal(0, Different(image, here, new(0, 0, image.Width, image.Height)));
            Assert.True(image.Data.AsSpan().SequenceEqual(here.Data), "the chart differs from the one drawn with fonts installed");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The child's side (see <see cref="Support.TestsEntryPoint"/>).</summary>
    internal static int RenderInThisProcess(string output)
    {
        Console.WriteLine($"system typeface glyphs: {SKTypeface.Default.GlyphCount}");
        File.WriteAllBytes(output, TrimesterChart.Render(ChartDataTests.GroupData()).Png);
        return 0;
    }
}
