using System.Text.RegularExpressions;
using Microsoft.Extensions.Http.Logging;

namespace Bot.Channels.Discord;

/// <summary>
/// The Discord client's HTTP log, in place of HttpClient's own, which writes whole URLs: the URL of an
/// interaction's follow-up holds its token, a credential for 15 minutes. Here each attempt is one line,
/// its route with the token masked.
/// </summary>
internal sealed partial class DiscordHttpLogger(ILogger<DiscordHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogAnswered(request.Method, DiscordRoutes.Redact(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    // The exception itself goes up to the caller, which logs it; here only what kind it was.
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(request.Method, DiscordRoutes.Redact(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord {Method} {Route}: {Status} in {Milliseconds:F0} ms")]
    private partial void LogAnswered(HttpMethod method, string route, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord {Method} {Route}: no answer ({Error}) after {Milliseconds:F0} ms")]
    private partial void LogFailed(HttpMethod method, string route, string error, double milliseconds);
}

/// <summary>Discord paths as they may be written down: an interaction token never is.</summary>
internal static partial class DiscordRoutes
{
    public static string Redact(Uri? uri) => uri is null ? "" : Redact(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString);

    /// <summary>webhooks/{application id}/{token}/… becomes webhooks/{application id}/***/…</summary>
    public static string Redact(string path) => WebhookToken().Replace(path, "***");

    [GeneratedRegex(@"(?<=(^|/)webhooks/[^/?#]+/)[^/?#]+")]
    private static partial Regex WebhookToken();
}
