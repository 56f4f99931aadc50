using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

internal sealed record TokenClaims(string ConversationId, string? UserId, DateTimeOffset Expires);

/// <summary>
/// Conversation tokens: "payload.signature", HMAC-SHA256 over (conversation, user, expiry) with a
/// key derived from the secret, so that every instance sharing the secret accepts them.
/// </summary>
internal sealed class DirectLineTokens(IOptions<WebChatOptions> options, TimeProvider clock, string? localKeyFile = null)
{
    // Without a secret (one machine), a key kept beside the database: the pages open when the bot
    // restarts keep their conversations instead of being refused.
    private readonly byte[] _key = options.Value.HasSecret
        ? SHA256.HashData(Encoding.UTF8.GetBytes("directline-token:" + options.Value.Secret))
        : localKeyFile is not null ? LocalKey(localKeyFile) : RandomNumberGenerator.GetBytes(32);

    private static byte[] LocalKey(string path)
    {
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: 32 } known) return known;
        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    public TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);

    public string Issue(string conversationId, string? userId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes($"{conversationId}\n{userId}\n{expires}");
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    public TokenClaims? Verify(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, signature;
        try
        {
            payload = Convert.FromBase64String(FromBase64Url(token[..dot]));
            signature = Convert.FromBase64String(FromBase64Url(token[(dot + 1)..]));
        }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload))) return null;

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], out var unix)) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(unix);
        if (expires <= clock.GetUtcNow()) return null;
        return new TokenClaims(parts[0], parts[1].Length == 0 ? null : parts[1], expires);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
