using Bot.Dialogs;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Notices;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Store;
using Bot.Outbox;
using Bot.Store;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Support;

/// <summary>
/// Drives the dialog engine on a real SQLite file, one scope per turn as a channel would, and
/// renders replies as plain lines: "text [button | button]".
/// </summary>
public sealed class DialogHarness : IAsyncDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ServiceProvider _services;

    public IServiceProvider Services => _services;
    public const string UserId = "pupil-1";

    // New instances for each harness: a test that changes its catalogue (requirements) changes no other test's.
    public static BadgeDefinition[] TestBadges =>
    [
        new() { Id = "engagement-citoyen", Name = "Engagement citoyen", Description = "Pour ton engagement.", Criteria = "Venir souvent.", ClaimUrl = "https://openbadgefactory.com/c/earnablebadge/CIV/apply" },
        new() { Id = "competences-numeriques", Name = "Compétences numériques", Description = "Pour ce que tu sais faire en numérique.", Criteria = "Montrer un outil.", ClaimUrl = "https://openbadgefactory.com/c/earnablebadge/NUM/apply", ObfBadgeId = "OBFNUM" },
    ];
    public const string ConversationId = "conv-1";

    private DialogHarness(TimeProvider clock, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();
        // Empty settings, as a host without appsettings has: options bound to a section (Outbox) take their defaults.
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddDialogs();
        services.AddSingleton(clock);
        services.AddDbContext<StoreDbContext>(o => o.UseSqlite(_database.ConnectionString));
        services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<StoreDbContext>());
        services.AddScoped(_ => new StoreWriteScope(null)); // one turn at a time here: no gate needed
        services.AddTurns();
        services.AddSingleton<IChannelCounsellors>(new TestCounsellors());
        services.Configure<BadgeCatalog>(c => c.Badges.AddRange(TestBadges));
        services.Configure<SchoolCalendarOptions>(c => { c.Trimesters.AddRange(TestCalendar.Trimesters); c.Holidays.AddRange(TestCalendar.Holidays); });
        services.AddSingleton(Notices);
        services.AddScoped<IChannelNotifier>(sp => sp.GetRequiredService<RecordingNotifier>());
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public static async Task<DialogHarness> StartAsync(TimeProvider clock, Action<IServiceCollection>? configure = null)
    {
        var harness = new DialogHarness(clock, configure);
        await harness.WithDbAsync(db => db.Database.MigrateAsync());
        await using (var scope = harness._services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Bot.Dialogs.Groups.GroupDirectory>().PrepareAsync(CancellationToken.None);
        return harness;
    }

    public IReadOnlyList<Reply> LastReplies { get; private set; } = [];

    /// <summary>What the bot sent first to people, as the test channel's notifier recorded it.</summary>
    public RecordingNotifier Notices { get; } = new();

    public const string CounsellorId = "counsellor-1";

    /// <summary>The counsellor, in her own conversation.</summary>
    public Task<string[]> CounsellorSaysAsync(string text, string? choiceId = null) =>
        TurnAsync(new IncomingMessage(new ChannelUser("test", CounsellorId, "Mme Martin"), "conv-counsellor", text, choiceId));

    /// <summary>Another pupil, in their own conversation.</summary>
    public Task<string[]> PupilSaysAsync(string pupilId, string name, string text, string? choiceId = null) =>
        TurnAsync(new IncomingMessage(new ChannelUser("test", pupilId, name), $"conv-{pupilId}", text, choiceId));

    public Task<string[]> SayAsync(string text) => TurnAsync(new IncomingMessage(User, ConversationId, Text: text));

    public Task<string[]> ClickAsync(string choiceId, string label) => TurnAsync(new IncomingMessage(User, ConversationId, Text: label, ChoiceId: choiceId));

    public Task<string[]> SubmitAsync(string formId, Dictionary<string, string> values) =>
        TurnAsync(new IncomingMessage(User, ConversationId, Form: new SubmittedForm(formId, values)));

    /// <summary>One turn through the turn runner, as a channel runs it; then the outbox delivers what the turn queued.</summary>
    public async Task<string[]> TurnAsync(IncomingMessage message)
    {
        // Every delivery has its key, as on the real channels.
        var outcome = await _services.GetRequiredService<TurnRunner>().RunAsync(new TurnRequest(message, Key: Guid.NewGuid().ToString("N")));
        await DeliverAsync();
        LastReplies = outcome.Result.Replies;
        return [.. outcome.Result.Replies.Select(Render)];
    }

    /// <summary>The button labelled <paramref name="label"/> in the last turn's replies, to click as its id says.</summary>
    public Choice LastChoice(string label) => LastReplies.OfType<ChoicesReply>().SelectMany(r => r.Choices).First(c => c.Label == label);

    /// <summary>What the dispatcher would deliver now, delivered (no background service runs here).</summary>
    public Task DeliverAsync() => _services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None);

    public async Task<T> WithDbAsync<T>(Func<StoreDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    public async Task WithDbAsync(Func<StoreDbContext, Task> action)
    {
        await using var scope = _services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<StoreDbContext>());
    }

    /// <summary>The test channel's counsellor, decided by the runner's policy as on every channel.</summary>
    private sealed class TestCounsellors : IChannelCounsellors
    {
        public string Channel => "test";
        public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) => userId == CounsellorId;
    }

    public static string Render(Reply reply) => reply switch
    {
        TextReply t => t.Text,
        ChoicesReply c => $"{c.Text} [{string.Join(" | ", c.Choices.Select(x => x.Label))}]",
        FormReply f => $"form {f.Id}: {string.Join(", ", f.Fields.Select(x => $"{x.Id}={x.Value}"))}",
        _ => reply.GetType().Name,
    };

    private static ChannelUser User => new("test", UserId, "Léa");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }
}
