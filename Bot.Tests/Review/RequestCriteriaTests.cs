using Bot.Dialogs.Engine;
using Bot.Tests.Badges;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Review;

/// <summary>
/// /demandes with the criteria check beside each request, on Sunday 29 November 2026 (first trimester): Léa, two sessions and the
/// digital badge (met); Tom, one session and the civic badge (three sessions and the self-assessment asked: not met).
/// </summary>
public class RequestCriteriaTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(_clock, BadgeProgressTranscriptTests.UseCatalogue);
        await LogAsync("lea", "Léa", "vendredi", "numérique", "2");
        await LogAsync("lea", "Léa", "20/11", "citoyen", "3");
        await LogAsync("tom", "Tom", "vendredi", "numérique", "1");
        foreach (var turn in new[] { "/badges", "numérique", "Sans message" }) await _bot.PupilSaysAsync("lea", "Léa", turn);
        foreach (var turn in new[] { "/badges", "citoyen", "Sans message" }) await _bot.PupilSaysAsync("tom", "Tom", turn);
        await _bot.CounsellorSaysAsync("bonjour"); // past her welcome
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task LogAsync(string id, string name, string date, string domain, string level)
    {
        foreach (var turn in new[] { $"/jai-partagé {date}", "Un atelier", "Plein de choses", domain, level, "oui" })
            await _bot.PupilSaysAsync(id, name, turn);
    }

    [Fact]
    public async Task Demandes_ShowsTheCriteriaCheck_BesideEachRequest()
    {
        var replies = await _bot.CounsellorSaysAsync("/demandes");
        Assert.Equal(
            "**Léa** demande le badge « Compétences numériques » (le dimanche 29 novembre 2026)\n\n" +
            "Ce trimestre : 2 séances (Engagement citoyen ×1, Compétences numériques ×1), niveaux 3 → 2.\n\n" +
            "Critères : 1 séance en Compétences numériques sur 1 ✅, niveau 2 en Compétences numériques atteint ✅ [Approuver | Refuser]", replies[^2]);
        Assert.Equal(
            "**Tom** demande le badge « Engagement citoyen » (le dimanche 29 novembre 2026)\n\n" +
            "Ce trimestre : 1 séance (Compétences numériques ×1), niveaux 1.\n\n" +
            "Critères : 1 séance sur 3 ❌, bilan pas fait ❌ [Approuver | Refuser]", replies[^1]);
        Assert.All(_bot.LastReplies, r => Assert.True(Assert.IsType<ChoicesReply>(r).Inline));
    }

    [Fact]
    public async Task ARequestStillPendingInTheNextTrimester_IsCheckedAgainstTheTrimesterItWasMadeIn()
    {
        _clock.SetUtcNow(Clocks.At(new DateOnly(2027, 1, 11)).GetUtcNow());
        var replies = await _bot.CounsellorSaysAsync("/demandes");
        Assert.EndsWith(
            "Ce trimestre : aucune séance notée.\n\n" +
            "Critères du 1er trimestre 2026-2027 : 1 séance sur 3 ❌, bilan pas fait ❌ [Approuver | Refuser]", replies[^1]);
    }
}

/// <summary>The criteria beside the requests cost a fixed number of queries per turn, whatever the number of requests.</summary>
public class RequestCriteriaQueryTests : IAsyncLifetime
{
    private readonly CommandCounter _commands = new();
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), s =>
        {
            BadgeProgressTranscriptTests.UseCatalogue(s);
            s.ConfigureDbContext<Bot.Store.StoreDbContext>(o => o.AddInterceptors(_commands));
        });
        await _bot.CounsellorSaysAsync("bonjour");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task AskAsync(string id)
    {
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "numérique", "2", "oui" })
            await _bot.PupilSaysAsync(id, id, turn);
        foreach (var turn in new[] { "/bilan", "2", "2", "3", "1" }) await _bot.PupilSaysAsync(id, id, turn);
        foreach (var badge in new[] { "citoyen", "numérique" })
            foreach (var turn in new[] { "/badges", badge, "Sans message" }) await _bot.PupilSaysAsync(id, id, turn);
    }

    private async Task<int> CommandsOfAsync(Func<Task> turn)
    {
        var before = _commands.Count;
        await turn();
        return _commands.Count - before;
    }

    [Fact]
    public async Task Demandes_ChecksTheCriteria_WithTheSameQueriesForTwoRequestsOrSix()
    {
        await AskAsync("lea");
        await _bot.CounsellorSaysAsync("/demandes"); // her conversation's first /demandes costs one query more: counted from the second
        var twoRequests = await CommandsOfAsync(() => _bot.CounsellorSaysAsync("/demandes"));
        Assert.Equal(2, _bot.LastReplies.Count(r => r is Bot.Dialogs.Engine.ChoicesReply { Inline: true }));
        await AskAsync("tom");
        await AskAsync("sam");
        var sixRequests = await CommandsOfAsync(() => _bot.CounsellorSaysAsync("/demandes"));
        Assert.Equal(6, _bot.LastReplies.Count(r => r is Bot.Dialogs.Engine.ChoicesReply { Inline: true }));
        Assert.Equal(twoRequests, sixRequests);
    }

    /// <summary>Counts the SQL commands the app sends.</summary>
    private sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _count;
        public int Count => _count;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
