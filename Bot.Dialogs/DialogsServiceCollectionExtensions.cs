using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>The engine, the dialogs and the French understanding. The host registers a <c>BotDbContext</c>.</summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.AddSingleton(FrenchRecognizers.Shared);
        services.AddSingleton<SessionDateReader>();
        services.AddSingleton<LevelReader>();
        services.AddSingleton<IDialog, ContributionDialog>();
        services.AddScoped<DialogEngine>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
