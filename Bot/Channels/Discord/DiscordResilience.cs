using System.Net;
using Bot.Store;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Bot.Channels.Discord;

/// <summary>
/// The typed client's handlers, outermost first: the retry pipeline (whole call bounded), then the
/// rate limits, which every attempt passes, then each attempt's own timeout, which starts once the
/// attempt has its turn (a wait in our own queue is not Discord being slow).
/// </summary>
internal static class DiscordResilience
{
    private const int Retries = 4;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    // Four waits of at most 10 s and the attempts: a DM (two calls) still ends within the outbox's lease.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(50);

    public static void AddDiscordRestClient(this IServiceCollection services)
    {
        services.AddSingleton(GlobalLimit);
        services.AddSingleton<DiscordRateLimiter>();
        services.AddTransient<DiscordRateLimitHandler>();
        services.AddSingleton<DiscordHttpLogger>();
        var client = services.AddHttpClient<DiscordRestClient>((sp, client) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<DiscordOptions>>().Value.ApiBaseUrl;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts, which know retries
            client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://www.vire-normandie.fr, 1.0)");
        });
        // HttpClient's own logs write whole URLs, interaction tokens included: ours masks them.
        client.RemoveAllLoggers().AddLogger<DiscordHttpLogger>();
        client.AddResilienceHandler("discord-retry", pipeline => RealTime(pipeline)
            .AddTimeout(CallTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(0.5),
                MaxDelay = DiscordRateLimitHandler.LongestWait,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = DelayAsync,
            }));
        client.AddHttpMessageHandler<DiscordRateLimitHandler>();
        client.AddResilienceHandler("discord-attempt", pipeline => RealTime(pipeline).AddTimeout(AttemptTimeout));
    }

    /// <summary>Discord's global limit: counted in the database by every instance on PostgreSQL, in this process on SQLite.</summary>
    private static IDiscordGlobalLimit GlobalLimit(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        var connectionString = configuration.GetConnectionString("Bot");
        var provider = StoreOptions.Resolve(configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Provider, connectionString);
        return provider == StoreProvider.PostgreSql
            ? SharedGlobalLimit(services, connectionString!, options)
            : new LocalGlobalLimit(options.GlobalRequestsPerSecond);
    }

    // Apart, so that Npgsql is loaded only where it is used.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IDiscordGlobalLimit SharedGlobalLimit(IServiceProvider services, string connectionString, DiscordOptions options) =>
        new SharedGlobalLimit(connectionString, options.ApplicationId ?? "bot", options.GlobalRequestsPerSecond,
            new LocalGlobalLimit(options.FallbackRequestsPerSecond), services.GetRequiredService<ILogger<SharedGlobalLimit>>());

    // Discord's waits are seconds of real time, as in the DiscordRateLimiter. The app's TimeProvider,
    // which the pipeline would take from the container, is the calendar's: a test stops it, a bench shifts it.
    private static ResiliencePipelineBuilder<HttpResponseMessage> RealTime(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.TimeProvider = TimeProvider.System;
        return pipeline;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        // A 429 was not acted on: repeating any request is safe.
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result: { StatusCode: >= HttpStatusCode.InternalServerError } response } => MayRepeat(response.RequestMessage!),
        { Exception: HttpRequestException or TimeoutRejectedException } =>
            context.GetRequestMessage() is { } request && MayRepeat(request),
        _ => false,
    };

    /// <summary>
    /// After a 5xx or a lost connection, Discord may have acted on the request. Repeating it is harmless
    /// for GET, PUT, PATCH (an edit writes the same content again), DELETE, and for creating a DM
    /// channel (Discord gives back the existing one). A POST that creates a message is not repeated
    /// here: it could show twice (an interaction follow-up has no nonce), and a DM or a counsellors'
    /// post is an outbox row, which tries again later with Discord's enforced nonce and its backoff.
    /// </summary>
    private static bool MayRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch
        || request.Method == HttpMethod.Delete
        || (request.Method == HttpMethod.Post
            && request.RequestUri!.AbsolutePath.EndsWith("/users/@me/channels", StringComparison.Ordinal));

    // A 429: the wait Discord gave, bounded (MaxDelay does not bound a generated delay). Otherwise: the backoff.
    private static async ValueTask<TimeSpan?> DelayAsync(RetryDelayGeneratorArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response) return null;
        var wait = (await DiscordRateLimit.ReadAsync(response, args.Context.CancellationToken)).RetryAfter;
        return wait < DiscordRateLimitHandler.LongestWait ? wait : DiscordRateLimitHandler.LongestWait;
    }
}
