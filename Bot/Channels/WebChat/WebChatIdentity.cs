using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bot.Channels.WebChat;

/// <summary>
/// Who a browser is on the web chat, decided by the server: a random id in a cookie the browser
/// cannot read (HttpOnly) nor forge (protected with ASP.NET Core Data Protection, whose keys are
/// in the store, so every instance and every restart agree). A missing, tampered or foreign cookie
/// gets a new identity, never someone else's.
/// </summary>
internal sealed class WebChatIdentity(IDataProtectionProvider protection)
{
    public const string Cookie = "p2p-id";
    private const string Prefix = "w-";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector _protector = protection.CreateProtector("Bot.WebChat.Identity.v1");

    /// <summary>The browser's identity; a new one is given (and set in the response) when it has none of ours.</summary>
    public string Resolve(HttpContext http)
    {
        if (Read(http.Request.Cookies[Cookie]) is { } known) return known;
        var fresh = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(Cookie, _protector.Protect(fresh), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, IsEssential = true, Path = "/", MaxAge = Lifetime,
        });
        return fresh;
    }

    /// <summary>"Ce n'est pas moi": this browser forgets its identity (the person's data stays theirs, and the next visit is someone new).</summary>
    public static void Forget(HttpContext http) =>
        http.Response.Cookies.Delete(Cookie, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/" });

    private string? Read(string? cookie)
    {
        if (cookie is not { Length: > 0 and <= 1024 }) return null;
        try
        {
            var id = _protector.Unprotect(cookie);
            return id.StartsWith(Prefix, StringComparison.Ordinal) && id.Length == Prefix.Length + 32 ? id : null;
        }
        catch (CryptographicException)
        {
            return null; // tampered, or protected with keys this deployment never had
        }
    }
}
