using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using SkiaSharp;

namespace Bot.Dialogs.Groups;

/// <summary>
/// Inter (SIL Open Font License 1.1), read out of Avalonia.Fonts.Inter's assembly, which the build embeds in ours
/// (see Bot.Dialogs.csproj). The machine's fonts are never asked for: on a server without any, Skia's default
/// typeface has no glyphs and every text of the poster would come out blank without an error.
/// </summary>
internal static class PosterFonts
{
    private const string EmbeddedAssembly = "Bot.Dialogs.Groups.Inter.dll";
    private const string AssetsResource = "!AvaloniaResources";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Loaded = new(Load);

    public static SKTypeface Regular => Loaded.Value.Regular;
    public static SKTypeface Bold => Loaded.Value.Bold;

    private static (SKTypeface, SKTypeface) Load()
    {
        using var assembly = typeof(PosterFonts).Assembly.GetManifestResourceStream(EmbeddedAssembly)
            ?? throw new InvalidOperationException($"{EmbeddedAssembly} is not embedded: see Bot.Dialogs.csproj.");
        var assets = ReadAssets(assembly);
        return (Typeface(assets, "/Assets/Inter-Regular.ttf"), Typeface(assets, "/Assets/Inter-Bold.ttf"));
    }

    private static SKTypeface Typeface(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> assets, string path)
    {
        if (!assets.TryGetValue(path, out var bytes))
            throw new InvalidOperationException($"{path} is not among Avalonia.Fonts.Inter's assets.");
        using var data = SKData.CreateCopy(bytes.Span);
        var typeface = SKTypeface.FromData(data);
        if (typeface is null || typeface.GlyphCount == 0)
            throw new InvalidOperationException($"Skia could not read {path} from Avalonia.Fonts.Inter.");
        return typeface;
    }

    // Avalonia packs an assembly's assets into one manifest resource: the index's length, the index (a format
    // version, a count, then each asset's path, offset and size as BinaryWriter writes them), the assets' bytes.
    private static Dictionary<string, ReadOnlyMemory<byte>> ReadAssets(Stream assembly)
    {
        var resource = ManifestResource(assembly, AssetsResource);
        using var index = new BinaryReader(new MemoryStream(resource, writable: false));
        var indexLength = index.ReadInt32();
        var version = index.ReadInt32();
        if (version != 2) throw new InvalidOperationException($"Unknown Avalonia assets format {version}.");
        var count = index.ReadInt32();
        var start = sizeof(int) + indexLength;
        var assets = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = index.ReadString();
            var offset = index.ReadInt32();
            var size = index.ReadInt32();
            if (offset < 0 || size < 0 || (long)start + offset + size > resource.Length)
                throw new InvalidOperationException($"Avalonia asset {path} lies outside its resource.");
            assets[path] = resource.AsMemory(start + offset, size);
        }
        return assets;
    }

    private static byte[] ManifestResource(Stream assembly, string name)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!metadata.StringComparer.Equals(resource.Name, name)) continue;
            // Within the resources directory, each resource is its length followed by its bytes.
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress)
                .GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
            return reader.ReadBytes(reader.ReadInt32());
        }
        throw new InvalidOperationException($"Avalonia.Fonts.Inter has no {name} resource.");
    }
}
