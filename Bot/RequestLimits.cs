using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bot;

/// <summary>How much one client may ask: the defaults fit a classroom behind one school address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Tokens, conversations and invitations per client address per minute (each starts a conversation row).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int StartsPerMinute { get; init; } = 120;

    /// <summary>Messages per conversation per minute: far more than anyone types or clicks.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int MessagesPerMinute { get; init; } = 30;

    /// <summary>Messages per client address per minute, all its conversations together (a whole class).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int MessagesPerAddressPerMinute { get; init; } = 600;
}

/// <summary>
/// Limits on what clients send, with ASP.NET Core's own rate limiter: per client address (the real one
/// behind a known proxy) on what starts a conversation, per conversation and per address on messages;
/// and 64 KB at most in any request body (Kestrel refuses more before anything reads it).
/// </summary>
internal static class RequestLimits
{
    public const string Starts = "starts";
    public const string Messages = "messages";
    public const long MaxBodyBytes = 64 * 1024;

    public static void AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "application/json";
                return new ValueTask(response.WriteAsync(new JsonObject
                {
                    ["error"] = new JsonObject { ["code"] = "TooManyRequests", ["message"] = "Trop de demandes d'un coup : attends une minute et réessaie." },
                }.ToJsonString(), ct));
            };
            options.AddPolicy(Starts, http => PerMinute("start:" + Address(http), limits.StartsPerMinute));
            // Only messages that carry a credential for their conversation count: a stranger's posts (refused
            // at once, 401/403) cannot use up a pupil's or a whole school's budget.
            options.AddPolicy(Messages, http => Credentialed(http)
                ? PerMinute("conversation:" + http.Request.RouteValues["conversationId"], limits.MessagesPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
            // Besides each conversation's own limit: all the messages of one address.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Messages && Credentialed(http)
                    ? PerMinute("address:" + Address(http), limits.MessagesPerAddressPerMinute)
                    : RateLimitPartition.GetNoLimiter(""));
        });
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    private static string Address(HttpContext http) => Client(http.Connection.RemoteIpAddress);

    /// <summary>
    /// Who is counted: an IPv4 address; for IPv6, its /64 (one home or phone gets a whole /64, and counting each of its
    /// addresses apart would give one person millions of budgets, to guess join codes with, say).
    /// </summary>
    internal static string Client(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    /// <summary>A Direct Line token for the conversation in the route (or the secret): checked again by the endpoint, cheaply.</summary>
    private static bool Credentialed(HttpContext http)
    {
        var (caller, _) = http.RequestServices.GetRequiredService<Channels.WebChat.DirectLineAuth>().Authenticate(http);
        return caller is not null && caller.MayUse(http.Request.RouteValues["conversationId"] as string ?? "");
    }
}
