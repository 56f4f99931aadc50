namespace Bot.Channels.WebChat;

/// <summary>
/// The chat's own page posts to "forget", "sign out" and "invite": a form on another site must not
/// (its request would carry the browser's cookies where SameSite allows). Browsers say where a request
/// comes from in Sec-Fetch-Site and Origin; a request with neither (not a browser's) is let through.
/// </summary>
internal static class SameOrigin
{
    public static bool Is(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    public static IResult Refused() => DirectLineErrors.Forbidden("Cette demande doit venir de la page du chat elle-même.");
}
