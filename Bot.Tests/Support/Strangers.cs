using System.Net;

namespace Bot.Tests.Support;

/// <summary>
/// Requests that "this machine only" must refuse: another machine, a reverse proxy on this machine
/// forwarding someone (its headers), a public host name, or a connection whose address is unknown.
/// </summary>
public static class Strangers
{
    public static TheoryData<string?, string?, string?> Requests => new()
    {
        { "203.0.113.7", null, null },
        { "127.0.0.1", "X-Forwarded-For", "203.0.113.7" },
        { "::1", "Forwarded", "for=203.0.113.7;proto=https" },
        { "127.0.0.1", "Host", "bot.example.org" },
        { null, null, null },
    };

    /// <summary>Makes the app's next requests come from <paramref name="remote"/>, and adds the header to this one.</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, BotApp app, string? remote, string? header,
        string? value)
    {
        app.RemoteAddress = remote is null ? null : IPAddress.Parse(remote);
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }
}
