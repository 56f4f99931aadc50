using Bot.Channels.WebChat;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Reminders;
using Bot.Store;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bot.Jobs;

/// <summary>appsettings "Jobs": whether this instance runs Hangfire's server, and the dashboard's password.</summary>
public sealed class JobsOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const int MinimumPasswordLength = 16;

    public const string Section = "Jobs";
    /// <summary>Every instance may run a server: Hangfire shares the work through the storage.</summary>
    public bool RunServer { get; set; } = true;
    /// <summary>The dashboard's password (user "admin") when a WebChat secret is set; without one, the dashboard is off there.</summary>
    public string? DashboardPassword { get; set; }

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext context)
    {
        // Whoever opens the dashboard can run the jobs: a short password would be guessed.
        if (!string.IsNullOrEmpty(DashboardPassword) && DashboardPassword.Length < MinimumPasswordLength)
            yield return new($"Jobs:DashboardPassword has {DashboardPassword.Length} characters: it must have at least {MinimumPasswordLength}, random.",
                [nameof(DashboardPassword)]);
    }
}

public static class JobsExtensions
{
    /// <summary>
    /// Hangfire on the bot's database: PostgreSQL (schema "hangfire") when the store is PostgreSQL,
    /// else a SQLite file beside the bot's, so that jobs and their history survive a restart.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ReminderJobs>();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Retention>();
        builder.Services.AddScoped<IRetentionRule, LinkingRetention>();
        // The storage is this app's own singleton, not Hangfire's static JobStorage.Current: several
        // hosts in one process (the tests) must not share or swap it.
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString("Bot");
            return StoreOptions.Resolve(configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Provider, connectionString) == StoreProvider.PostgreSql
                ? PostgreSqlStorage(connectionString!)
                : new SQLiteStorage(HangfireFile(connectionString ?? StoreExtensions.DefaultConnectionString),
                    new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(2) });
        });
        // The dashboard checks ASP.NET Core's antiforgery token on every POST when the service is there:
        // another page on this machine cannot press its buttons (trigger, delete, requeue).
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddHangfire((services, config) => config.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(services.GetRequiredService<ILoggerFactory>()))));
        ExpireFailedJobs();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        if (jobs.RunServer) builder.Services.AddHangfireServer();
    }

    /// <summary>
    /// A job that failed all its retries is deleted (and so expires with Hangfire's deleted jobs, after a
    /// day) instead of being kept as failed forever: recurring jobs run again at their next time anyway.
    /// </summary>
    internal static void ExpireFailedJobs()
    {
        foreach (var filter in GlobalJobFilters.Filters.Where(f => f.Instance is AutomaticRetryAttribute).ToList())
            GlobalJobFilters.Filters.Remove(filter.Instance);
        GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Delete });
    }

    // Apart, so that Hangfire.PostgreSql and Npgsql are loaded only where they are used.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static JobStorage PostgreSqlStorage(string connectionString) =>
        new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(2) });

    /// <summary>Registers the recurring jobs with stable ids, in Europe/Paris time; running it again changes nothing.</summary>
    public static void UseJobs(this WebApplication app)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        var reminders = app.Services.GetRequiredService<IOptions<RemindersOptions>>().Value;
        foreach (var (id, cron, job) in Schedule(reminders))
            manager.AddOrUpdate(id, job, cron, new RecurringJobOptions { TimeZone = ParisTime.Zone });

        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var secret = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.HasSecret;
        if (!secret || !string.IsNullOrEmpty(options.DashboardPassword))
            app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new DashboardGate(secret ? options.DashboardPassword : null)],
                AppPath = "/",
            });
    }

    /// <summary>The recurring jobs: id, cron (Europe/Paris), what runs.</summary>
    public static IEnumerable<(string Id, string Cron, Hangfire.Common.Job Job)> Schedule(RemindersOptions o) =>
    [
        // Every five minutes: each group's reminder goes once its own session is over (GroupsToRemindAsync).
        (ReminderJobs.FridayReminderId, "*/5 * * * *",
            Hangfire.Common.Job.FromExpression<ReminderJobs>(j => j.FridayReminderAsync(CancellationToken.None))),
        (ReminderJobs.NudgeId, $"{o.NudgeAt.Minute} {o.NudgeAt.Hour} * * *",
            Hangfire.Common.Job.FromExpression<ReminderJobs>(j => j.TrimesterNudgeAsync(CancellationToken.None))),
        (ReminderJobs.DigestId, $"{o.DigestAt.Minute} {o.DigestAt.Hour} * * {(int)o.DigestDay}",
            Hangfire.Common.Job.FromExpression<ReminderJobs>(j => j.PendingDigestAsync(CancellationToken.None))),
        (ReminderJobs.SelfAssessmentId, $"{o.SelfAssessmentAt.Minute} {o.SelfAssessmentAt.Hour} * * *",
            Hangfire.Common.Job.FromExpression<ReminderJobs>(j => j.SelfAssessmentInvitationAsync(CancellationToken.None))),
        // Rows a crash left between commit and send, or another instance's: the dispatcher is woken at once otherwise.
        (Outbox.OutboxSweep.JobId, "* * * * *", Hangfire.Common.Job.FromExpression<Outbox.OutboxSweep>(s => s.RunAsync(CancellationToken.None))),
        // At night, when nobody chats.
        (Retention.JobId, "30 3 * * *", Hangfire.Common.Job.FromExpression<Retention>(r => r.RunAsync(CancellationToken.None))),
    ];

    /// <summary>"Data Source=data/bot.db" → "data/bot.hangfire.db".</summary>
    internal static string HangfireFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".";
        Store.PrivateFiles.PrepareFolder(dataSource);
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(dataSource) + ".hangfire.db");
    }

    /// <summary>Without a secret: this machine only. With one: HTTP Basic, user "admin" and the configured password.</summary>
    private sealed class DashboardGate(string? password) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (password is null) return LocalRequests.IsFromThisMachine(http);
            var header = http.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                var expected = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{password}"));
                if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                        System.Text.Encoding.UTF8.GetBytes(header[6..].Trim()), System.Text.Encoding.UTF8.GetBytes(expected)))
                    return true;
            }
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"hangfire\"";
            return false;
        }
    }
}
