using StbImageSharp;
using ZXing;

namespace Bot.Tests.Support;

public static class QrImages
{
    /// <summary>Reads a PNG back as a phone would: decode the pixels, find the QR code.</summary>
    public static string? Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        return new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE] } }.Decode(source)?.Text;
    }
}
