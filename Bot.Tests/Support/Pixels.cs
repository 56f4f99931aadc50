using SkiaSharp;
using StbImageSharp;

namespace Bot.Tests.Support;

/// <summary>Reading a rendered PNG back: which pixels are dark (ink), where, and how many.</summary>
public static class Pixels
{
    public static ImageResult Decode(byte[] png) => ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);

    public static bool IsDark(ImageResult image, int x, int y)
    {
        var i = (y * image.Width + x) * 4;
        return image.Data[i] * 299 + image.Data[i + 1] * 587 + image.Data[i + 2] * 114 < 128_000;
    }

    public static int Dark(ImageResult image, SKRectI area) => Points(image, area).Count(p => IsDark(image, p.X, p.Y));

    /// <summary>The smallest rectangle that holds every dark pixel of <paramref name="area"/>.</summary>
    public static SKRectI DarkBounds(ImageResult image, SKRectI area)
    {
        var dark = Points(image, area).Where(p => IsDark(image, p.X, p.Y)).ToList();
        return dark.Count == 0
            ? SKRectI.Empty
            : new(dark.Min(p => p.X), dark.Min(p => p.Y), dark.Max(p => p.X) + 1, dark.Max(p => p.Y) + 1);
    }

    /// <summary>How many dark pixels follow one another rightwards from (x, y).</summary>
    public static int DarkRun(ImageResult image, int x, int y)
    {
        var end = x;
        while (end < image.Width && IsDark(image, end, y)) end++;
        return end - x;
    }

    public static int Different(ImageResult one, ImageResult other, SKRectI area) =>
        Points(one, area).Count(p => IsDark(one, p.X, p.Y) != IsDark(other, p.X, p.Y));

    private static IEnumerable<SKPointI> Points(ImageResult image, SKRectI area)
    {
        for (var y = Math.Max(area.Top, 0); y < Math.Min(area.Bottom, image.Height); y++)
        {
            for (var x = Math.Max(area.Left, 0); x < Math.Min(area.Right, image.Width); x++) yield return new(x, y);
        }
    }
}
