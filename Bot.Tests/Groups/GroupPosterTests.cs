using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using SkiaSharp;
using static Bot.Tests.Support.Pixels;

namespace Bot.Tests.Groups;

public class GroupPosterTests
{
    private const string Name = "Collège Jean Moulin";
    private static readonly Uri Link = new("https://p2p.example.fr/rejoindre/K7P2QX");

    [Fact]
    public void ThePoster_IsAnA4PortraitPng_At150Dpi()
    {
        var png = GroupPoster.Render(Name, "K7P2QX", Link);
        var image = Decode(png);
        Assert.Equal((1240, 1754), (image.Width, image.Height));
        Assert.Equal(5906u, PixelsPerMetre(png));
    }

    [Fact]
    public void ThePoster_HasText_AboveAndBelowTheQrCode()
    {
        var image = Decode(GroupPoster.Render(Name, "K7P2QX", Link));
        Assert.InRange(Dark(image, GroupPoster.TitleBand), 5_000, int.MaxValue);
        Assert.InRange(Dark(image, GroupPoster.CodeBand), 5_000, int.MaxValue);
        Assert.InRange(Dark(image, GroupPoster.TextBand), 5_000, int.MaxValue);
    }

    [Theory]
    [InlineData("https://p2p.example.fr/rejoindre/K7P2QX")]
    [InlineData("https://bot.lycee-exemple.fr/groupes/rejoindre?code=K7P2QX&depuis=affiche-du-couloir-du-batiment-b")]
    public void TheQrCode_ReadsBackAsExactlyTheJoinLink(string link) =>
        Assert.Equal(link, QrImages.Decode(GroupPoster.Render(Name, "K7P2QX", new Uri(link))));

    [Fact]
    public void TheQrCode_IsAtLeast900PixelsWide_WithItsQuietZoneKept()
    {
        var image = Decode(GroupPoster.Render(Name, "K7P2QX", Link));
        var symbol = DarkBounds(image, GroupPoster.QrBand);
        // The top edge of the finder pattern in the corner is seven modules long.
        var module = DarkRun(image, symbol.Left, symbol.Top) / 7;
        var withQuietZone = SKRectI.Inflate(symbol, 4 * module, 4 * module);
        Assert.Equal(symbol.Width, symbol.Height);
        Assert.InRange(withQuietZone.Width, 900, GroupPoster.Width);
        Assert.Equal(Dark(image, symbol), Dark(image, withQuietZone));
    }

    [Fact]
    public void TheCode_IsReallyDrawn()
    {
        var one = Decode(GroupPoster.Render(Name, "K7P2QX", Link));
        var other = Decode(GroupPoster.Render(Name, "M4R9TW", Link));
        Assert.InRange(Different(one, other, GroupPoster.CodeBand), 5_000, int.MaxValue);
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(400, true)]
    public void AVeryLongGroupName_StaysInItsBand(int words, bool withOneEndlessWord)
    {
        var name = string.Join(' ', Enumerable.Range(0, words).Select(i => $"Lycée{i}")) +
            (withOneEndlessWord ? " " + new string('W', 2_000) : "");
        var png = GroupPoster.Render(name, "K7P2QX", Link);
        var image = Decode(png);
        Assert.InRange(Dark(image, GroupPoster.TitleBand), 5_000, int.MaxValue);
        const int width = GroupPoster.Width;
        const int margin = GroupPoster.Margin;
        Assert.Equal(0, Dark(image, new SKRectI(0, 0, width, GroupPoster.TitleBand.Top)));
        Assert.Equal(0, Dark(image, new SKRectI(0, 0, margin, GroupPoster.Height)));
        Assert.Equal(0, Dark(image, new SKRectI(width - margin, 0, width, GroupPoster.Height)));
        // Between the title and the QR code's quiet zone.
        Assert.Equal(0, Dark(image, new SKRectI(0, GroupPoster.TitleBand.Bottom, width, 360)));
        Assert.Equal(Link.AbsoluteUri, QrImages.Decode(png));
    }

    [Fact]
    public void TheAltText_SaysTheGroupTheLinkAndTheCode() =>
        Assert.Equal(
            "Affiche pour rejoindre le groupe Peer to Peer « Collège Jean Moulin » : un QR code qui mène à "
            + "https://p2p.example.fr/rejoindre/K7P2QX, et le code du groupe à taper dans le chat, "
            + "K7P2QX (K 7 P 2 Q X).",
            GroupPoster.AltText(Name, "K7P2QX", Link));

    /// <summary>
    /// A machine with no fonts, in a child process: /usr/share/fonts (where Skia's NoDependencies build looks) hidden
    /// behind an empty folder in a mount namespace of its own, and fontconfig (the other Linux build) given an
    /// empty configuration. There, Skia's default typeface has no glyphs and draws nothing.
    /// </summary>
    [SkippableFact]
    public void WithNoFontsOnTheMachine_TheTextIsStillDrawn()
    {
        var work = Directory.CreateTempSubdirectory("poster-no-fonts-");
        try
        {
            var config = Path.Combine(work.FullName, "fonts.conf");
            File.WriteAllText(config, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
            var output = Path.Combine(work.FullName, "poster.png");
            var (exit, stdout, stderr) = RunWithoutFonts(work.CreateSubdirectory("no-fonts").FullName, config, output);
            if (!stdout.Contains("system typeface glyphs:"))
            {
                const string why = "needs unshare (util-linux) and mount namespaces to hide the machine's fonts";
                if (Environment.GetEnvironmentVariable("CI") == "true")
                    Assert.Fail($"CI=true but this test {why}: {stderr}");
                Skip.If(true, $"This test {why}: {stderr}");
            }
            Assert.True(exit == 0, stderr);
            // The machine's fonts were really out of reach: anything drawn below came from our own.
            Assert.Contains("system typeface glyphs: 0", stdout);
            var image = Decode(File.ReadAllBytes(output));
            Assert.InRange(Dark(image, GroupPoster.TitleBand), 5_000, int.MaxValue);
            Assert.InRange(Dark(image, GroupPoster.CodeBand), 5_000, int.MaxValue);
            Assert.InRange(Dark(image, GroupPoster.TextBand), 5_000, int.MaxValue);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The child's side (see <see cref="TestsEntryPoint"/>).</summary>
    internal static int RenderInThisProcess(string output)
    {
        Console.WriteLine($"system typeface glyphs: {SKTypeface.Default.GlyphCount}");
        File.WriteAllBytes(output, GroupPoster.Render(Name, "K7P2QX", Link));
        return 0;
    }

    internal static (int Exit, string Out, string Err) RunWithoutFonts(string noFonts, string config, string output, string command = "poster")
    {
        // In the child's own mount namespace, /usr/share/fonts shows an empty folder; then the test's code runs.
        const string script = """[ ! -d /usr/share/fonts ] || mount --bind "$1" /usr/share/fonts || exit; """
            + """shift; exec "$@" """;
        string[] arguments = ["--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", noFonts,
            "dotnet", Path.Combine(AppContext.BaseDirectory, "Bot.Tests.dll"), command, output];
        var start = new ProcessStartInfo("unshare", arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["FONTCONFIG_FILE"] = config;
        try
        {
            using var child = Process.Start(start)!;
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            if (!child.WaitForExit(TimeSpan.FromSeconds(60))) child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return (child.ExitCode, stdout.Result, stderr.Result);
        }
        catch (Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static uint PixelsPerMetre(byte[] png)
    {
        var chunk = png.AsSpan().IndexOf("pHYs"u8);
        Assert.True(chunk > 0, "no pHYs chunk");
        Assert.Equal(1, png[chunk + 12]);
        return BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(chunk + 4));
    }
}
