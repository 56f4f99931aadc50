using Bot.Outbox;

namespace Bot.Turns;

public static class TurnsExtensions
{
    /// <summary>The turn runner, the counsellor policy (each channel adds its <see cref="IChannelCounsellors"/>) and the outbox.</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services)
    {
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<CounsellorPolicy>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<OutboxSweep>();
        services.AddOptions<ChartOptions>().BindConfiguration(ChartOptions.Section);
        services.AddHostedService<ChartWarmUp>();
        return services;
    }
}
