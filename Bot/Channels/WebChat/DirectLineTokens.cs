using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Bot.Channels.WebChat;

internal sealed record TokenClaims(string ConversationId, string? UserId, DateTimeOffset Expires);

/// <summary>
/// Conversation tokens: (conversation, user, expiry) protected with ASP.NET Core Data Protection,
/// whose random keys are kept in the store. Every instance and every restart read them alike, and a
/// token owes nothing to the Direct Line secret: no secret can be guessed offline from one.
/// </summary>
internal sealed class DirectLineTokens(IDataProtectionProvider protection, TimeProvider clock, Microsoft.Extensions.Options.IOptions<WebChatOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Bot.WebChat.DirectLineToken.v1");

    public TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);

    public string Issue(string conversationId, string? userId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return Base64Url(_protector.Protect(Encoding.UTF8.GetBytes($"{conversationId}\n{userId}\n{expires}")));
    }

    public TokenClaims? Verify(string token)
    {
        if (token.Length > 2048) return null;
        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Convert.FromBase64String(FromBase64Url(token)));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException) { return null; }

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
