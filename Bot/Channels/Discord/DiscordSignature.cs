using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord signs each interaction: Ed25519 over the UTF-8 timestamp followed by the raw body,
/// with the application's key. Checked on the raw bytes, before any parsing.
/// </summary>
public sealed class DiscordSignature(byte[] publicKey)
{
    /// <summary>
    /// How far a signed timestamp may be from this server's clock. Older is a replay (a captured
    /// request sent again once its interaction id is forgotten); Discord sends at once.
    /// </summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly PublicKey _key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);

    public static DiscordSignature FromHex(string hex) => new(Convert.FromHexString(hex));

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp) || signatureHex.Length != 128) return false;
        byte[] signature;
        try { signature = Convert.FromHexString(signatureHex); }
        catch (FormatException) { return false; }
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[stamp.Length + body.Length];
        stamp.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(stamp.Length));
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
    }

    /// <summary>Seconds between the timestamp (Unix seconds, digits only) and now; null when it is not one.</summary>
    public static long? SecondsAway(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Math.Abs(now.ToUnixTimeSeconds() - seconds)
            : null;

    public static bool IsFresh(string? timestamp, DateTimeOffset now) => SecondsAway(timestamp, now) <= (long)MaxSkew.TotalSeconds;
}
