using Bot.Dialogs.Account;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Notices;
using Bot.Dialogs.Review;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Help;
using Bot.Dialogs.Issuing;
using Bot.Dialogs.MyData;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Qr;
using Bot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>The engine, the dialogs and the French understanding. The host registers a <c>BotDbContext</c>.</summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services)
    {
        services.AddSingleton<SessionDateReader>();
        services.AddSingleton<LevelReader>();
        services.AddSingleton(IntentClassifier.FromEmbeddedExamples());
        services.AddSingleton<HelpDesk>();
        services.TryAddSingleton<Charts.ChartDrawer>();
        services.AddScoped<PersonalData>();
        services.AddOptions<ProgrammeOptions>();
        services.AddOptions<BadgeCatalog>();
        // The order of the dialogs is the order of the menu. Scoped: erasure reaches the turn's store.
        services.AddScoped<ContributionDialog>();
        services.AddScoped<IDialog>(sp => sp.GetRequiredService<ContributionDialog>());
        services.AddScoped<IDialog, MySessionsDialog>();
        services.AddScoped<IDialog, Progress.MyTrimesterDialog>();
        services.AddScoped<IDialog, AccountGuideDialog>();
        services.AddScoped<IDialog, BadgesDialog>();
        services.AddScoped<IDialog, QrDialog>();
        services.AddScoped<IDialog, MyDataDialog>();
        services.AddScoped<IDialog, ReviewDialog>();
        services.AddScoped<IDialog, ClaimDialog>();
        services.AddScoped<IDialog, Reminders.RemindersDialog>();
        services.AddScoped<IDialog, SelfAssessment.SelfAssessmentDialog>();
        services.AddScoped<IDialog, Groups.JoinDialog>();
        // Linking comes late: Teams lists only ten commands, in this order (the others are typed).
        services.AddScoped<IDialog, Linking.LinkDialog>();
        services.AddScoped<IDialog, Linking.UnlinkDialog>();
        services.AddScoped<IDialog, Groups.GroupDialog>();
        services.AddScoped<IDialog, Groups.TownDialog>();
        // Built once, from one scope's dialogs: their declarations do not depend on the turn.
        services.AddSingleton(sp =>
        {
            using var scope = sp.CreateScope();
            return new CommandCatalog(scope.ServiceProvider.GetServices<IDialog>());
        });
        services.AddScoped<Reminders.ProactiveMessages>();
        services.AddOptions<Reminders.RemindersOptions>();
        services.AddScoped<BadgeIssuing>();
        services.TryAddScoped<IBadgeIssuer, NoBadgeIssuer>();
        services.AddScoped<PersonNotifier>();
        services.AddSingleton<SchoolCalendar>();
        services.AddOptions<SchoolCalendarOptions>();
        services.AddScoped<DialogEngine>();
        services.AddScoped<Groups.GroupDirectory>();
        services.AddScoped<Groups.GroupPlacement>();
        services.AddOptions<Groups.GroupsOptions>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
