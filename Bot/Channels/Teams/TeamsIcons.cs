namespace Bot.Channels.Teams;

/// <summary>
/// The app's two icons, drawn in code (no binary in the repository): two overlapping speech bubbles,
/// pupils talking to each other. Colour: white on the accent colour, 192×192. Outline: white on
/// transparent, 32×32, as Teams asks.
/// </summary>
internal static class TeamsIcons
{
    public const int ColorSize = 192, OutlineSize = 32;

    public static byte[] Color(string accentColor)
    {
        var (r, g, b) = (Hex(accentColor, 1), Hex(accentColor, 3), Hex(accentColor, 5));
        return Render(ColorSize, (x, y) => Bubbles(x, y, filledFirst: true, ring: 0.06), (cover, pixel) =>
        {
            pixel[0] = Mix(r, cover);
            pixel[1] = Mix(g, cover);
            pixel[2] = Mix(b, cover);
            pixel[3] = 255;
        });
    }

    public static byte[] Outline() =>
        Render(OutlineSize, (x, y) => Bubbles(x, y, filledFirst: false, ring: 0.09), (cover, pixel) =>
        {
            pixel[0] = pixel[1] = pixel[2] = 255;
            pixel[3] = (byte)Math.Round(cover * 255);
        });

    /// <summary>1 where the drawing is white at (x, y) in [0, 1]², painted back to front.</summary>
    private static bool Bubbles(double x, double y, bool filledFirst, double ring)
    {
        var white = false;
        if (filledFirst ? Within(x, y, 0.40, 0.42, 0.24) : OnRing(x, y, 0.40, 0.42, 0.24, ring)) white = true;
        if (InTriangle(x, y, (0.25, 0.55), (0.36, 0.61), (0.16, 0.76))) white = true;
        if (Within(x, y, 0.62, 0.60, 0.24)) white = false; // the second bubble hides the first
        if (OnRing(x, y, 0.62, 0.60, 0.24, ring)) white = true;
        if (InTriangle(x, y, (0.77, 0.74), (0.68, 0.80), (0.86, 0.90))) white = true;
        return white;
    }

    private static bool Within(double x, double y, double cx, double cy, double r) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

    private static bool OnRing(double x, double y, double cx, double cy, double r, double width) =>
        Math.Abs(Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) - r) <= width / 2;

    private static bool InTriangle(double x, double y, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        static double Side(double x, double y, (double X, double Y) p, (double X, double Y) q) => (x - q.X) * (p.Y - q.Y) - (p.X - q.X) * (y - q.Y);
        var (d1, d2, d3) = (Side(x, y, a, b), Side(x, y, b, c), Side(x, y, c, a));
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }

    /// <summary>Each pixel's share of white from 4×4 samples (smooth edges), then coloured.</summary>
    private static byte[] Render(int size, Func<double, double, bool> white, Action<double, Span<byte>> paint)
    {
        const int samples = 4;
        var rgba = new byte[size * size * 4];
        for (var py = 0; py < size; py++)
            for (var px = 0; px < size; px++)
            {
                var hits = 0;
                for (var sy = 0; sy < samples; sy++)
                    for (var sx = 0; sx < samples; sx++)
                        if (white((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
                paint(hits / (double)(samples * samples), rgba.AsSpan((py * size + px) * 4, 4));
            }
        return Png.Encode(size, size, rgba);
    }

    private static byte Mix(byte background, double white) => (byte)Math.Round(background + (255 - background) * white);

    private static byte Hex(string color, int at) => Convert.ToByte(color.Substring(at, 2), 16);
}
