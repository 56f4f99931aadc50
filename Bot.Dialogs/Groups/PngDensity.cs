using System.Buffers.Binary;
using System.Text;

namespace Bot.Dialogs.Groups;

/// <summary>
/// Adds a pHYs chunk to a PNG, which Skia's encoder does not write, so that printing at "actual size" gives
/// a full A4 page rather than whatever density the viewer assumes.
/// </summary>
internal static class PngDensity
{
    // Signature (8 bytes), then IHDR: length, type, 13 bytes of data, CRC. pHYs must come before IDAT.
    private const int AfterHeader = 8 + 4 + 4 + 13 + 4;
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] WithDpi(byte[] png, int dpi)
    {
        if (png.Length < AfterHeader || Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
            throw new ArgumentException("Not a PNG that starts with its header chunk.", nameof(png));
        var pixelsPerMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        Encoding.ASCII.GetBytes("pHYs", chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), pixelsPerMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), pixelsPerMetre);
        chunk[16] = 1; // the unit is the metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc(chunk.AsSpan(4, 4 + 9)));
        return [.. png.AsSpan(0, AfterHeader), .. chunk, .. png.AsSpan(AfterHeader)];
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
