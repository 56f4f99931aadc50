using QRCoder;
using SkiaSharp;

namespace Bot.Dialogs.Groups;

/// <summary>
/// The poster a school puts on its wall so that pupils join its Peer to Peer group: scan the QR code, or type the
/// code in the chat. A4 portrait at 150 dpi, dark ink on white so that any school printer does it justice.
/// </summary>
public static class GroupPoster
{
    internal const int Width = 1240;
    internal const int Height = 1754;
    internal const int Dpi = 150;
    internal const int Margin = 80;

    // Every element keeps to its band, whatever the length of the name or the code.
    internal static readonly SKRectI TitleBand = new(Margin, 40, Width - Margin, 320);
    internal static readonly SKRectI QrBand = new((Width - 960) / 2, 320, (Width + 960) / 2, 1280);
    internal static readonly SKRectI CodeBand = new(Margin, 1280, Width - Margin, 1490);
    internal static readonly SKRectI TextBand = new(Margin, 1500, Width - Margin, 1714);

    private static readonly SKColor Accent = new(0x1F, 0x3A, 0x93);
    private static readonly SKColor Ink = new(0x11, 0x11, 0x11);
    private static readonly SKColor Soft = new(0x44, 0x44, 0x44);

    public static byte[] Render(string groupName, string joinCode, Uri joinLink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(joinCode);
        ArgumentNullException.ThrowIfNull(joinLink);
        if (!joinLink.IsAbsoluteUri) throw new ArgumentException("The join link must be absolute.", nameof(joinLink));

        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            DrawTitle(canvas, groupName);
            DrawQr(canvas, joinLink);
            DrawCode(canvas, joinCode);
            DrawExplanation(canvas);
        }
        // Skia's default PNG filters take some 150 ms on this page; "Sub" alone takes a fifth of that.
        using var pixels = bitmap.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 6))
            ?? throw new InvalidOperationException("Skia could not encode the poster as PNG.");
        return PngDensity.WithDpi(png.ToArray(), Dpi);
    }

    public static string AltText(string groupName, string joinCode, Uri joinLink) =>
        GroupPosterTexts.Alt(groupName.Trim(), joinCode.Trim(), joinLink);

    private static void DrawTitle(SKCanvas canvas, string groupName)
    {
        var programme = Fit(GroupPosterTexts.Programme, PosterFonts.Bold, 56, 56, 1);
        var top = Draw(canvas, programme, Accent, TitleBand.Top);
        var name = Fit(groupName, PosterFonts.Bold, 76, 32, 2);
        Draw(canvas, name, Ink, top + (TitleBand.Bottom - top - name.Height) / 2);
    }

    private static void DrawQr(SKCanvas canvas, Uri joinLink)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(joinLink.AbsoluteUri, QRCodeGenerator.ECCLevel.Q);
        // The matrix includes the four-module quiet zone, which stays white.
        var modules = code.ModuleMatrix;
        // Whole pixels per module: sharp edges for phone cameras.
        var module = QrBand.Width / modules.Count;
        var left = QrBand.Left + (QrBand.Width - module * modules.Count) / 2;
        var top = QrBand.Top + (QrBand.Height - module * modules.Count) / 2;
        using var ink = new SKPaint { Color = SKColors.Black };
        for (var y = 0; y < modules.Count; y++)
        {
            for (var x = 0; x < modules.Count; x++)
            {
                if (modules[y][x]) canvas.DrawRect(left + x * module, top + y * module, module, module, ink);
            }
        }
    }

    private static void DrawCode(SKCanvas canvas, string joinCode)
    {
        var label = Fit(GroupPosterTexts.CodeLabel, PosterFonts.Regular, 36, 36, 1);
        var top = Draw(canvas, label, Soft, CodeBand.Top + 10);
        var code = Fit(Spaced(joinCode.Trim()), PosterFonts.Bold, 120, 40, 1);
        Draw(canvas, code, Ink, top + (CodeBand.Bottom - top - code.Height) / 2);
    }

    private static void DrawExplanation(SKCanvas canvas)
    {
        // Both paragraphs at the same size, the largest at which each fits in two lines.
        var size = Math.Min(
            Fit(GroupPosterTexts.WhatFor, PosterFonts.Regular, 36, 24, 2).Size,
            Fit(GroupPosterTexts.HowToJoin, PosterFonts.Regular, 36, 24, 2).Size);
        var top = Draw(canvas, Fit(GroupPosterTexts.WhatFor, PosterFonts.Regular, size, size, 2), Ink, TextBand.Top);
        Draw(canvas, Fit(GroupPosterTexts.HowToJoin, PosterFonts.Regular, size, size, 2), Ink, top + 20);
    }

    // "K7P2QX" is read (and typed) more easily as "K7P 2QX".
    internal static string Spaced(string code) => code.Length <= 4 || code.Any(char.IsWhiteSpace)
        ? code
        : string.Join(' ', code.Chunk(3).Select(group => new string(group)));

    internal sealed record TextBlock(SKTypeface Typeface, float Size, IReadOnlyList<string> Lines)
    {
        public float LineHeight => Size * 1.25f;
        public float Height => Lines.Count * LineHeight;
    }

    /// <summary>Centred lines from <paramref name="top"/> down; returns where the block ends.</summary>
    private static float Draw(SKCanvas canvas, TextBlock block, SKColor color, float top)
    {
        using var font = new SKFont(block.Typeface, block.Size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        var baseline = top - font.Metrics.Ascent;
        foreach (var line in block.Lines)
        {
            canvas.DrawText(line, Width / 2f, baseline, SKTextAlign.Center, font, paint);
            baseline += block.LineHeight;
        }
        return top + block.Height;
    }

    /// <summary>
    /// The largest size from <paramref name="max"/> down to <paramref name="min"/> at which the text wraps into at
    /// most <paramref name="maxLines"/> lines of the page's width; at the smallest, the rest is cut with an
    /// ellipsis (the alt text keeps all of it).
    /// </summary>
    internal static TextBlock Fit(string text, SKTypeface typeface, float max, float min, int maxLines)
    {
        const float width = Width - 2 * Margin;
        // A no-break space keeps its words together ("Open Badges").
        var words = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var size = max; ; size -= 2)
        {
            using var font = new SKFont(typeface, Math.Max(size, min));
            var lines = Wrap(words, font, width, maxLines);
            if (lines.Count <= maxLines) return new(typeface, font.Size, lines);
            if (size > min) continue;
            var last = lines[maxLines - 1];
            while (last.Length > 0 && font.MeasureText(last + "…") > width) last = last[..^1];
            return new(typeface, font.Size, [.. lines.Take(maxLines - 1), last.TrimEnd() + "…"]);
        }
    }

    /// <summary>Greedy wrapping, which stops once there is a line more than <paramref name="maxLines"/>.</summary>
    private static List<string> Wrap(IEnumerable<string> words, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in words)
        {
            if (lines.Count > maxLines) return lines;
            var joined = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(joined) <= width)
            {
                line = joined;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = word;
            // A word wider than the page is cut where it reaches the edge.
            while (font.MeasureText(line) > width && lines.Count <= maxLines)
            {
                var cut = 1;
                while (font.MeasureText(line[..(cut + 1)]) <= width) cut++;
                if (char.IsHighSurrogate(line[cut - 1]) && cut > 1) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
