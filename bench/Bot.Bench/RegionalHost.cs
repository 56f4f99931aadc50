using Bot.Dialogs.Engine;
using Bot.Jobs;
using Bot.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// The bot on one PostgreSQL database, hosted in this process with its clock on the bench's Friday: its start
/// applies the bot's own migrations, and a counsellor's turn goes through its turn runner as a channel's would.
/// No Hangfire server: the bench calls the jobs' code itself.
/// </summary>
internal sealed class RegionalHost(string connectionString, string counsellorId) : WebApplicationFactory<ReminderJobs>
{
    private (Guid PersonId, Guid GroupId)? _counsellor;

    public string ConnectionString => connectionString;

    /// <summary>The measured counsellor as the store knows her, and her group.</summary>
    public async Task<(Guid PersonId, Guid GroupId)> CounsellorAsync() =>
        _counsellor ??= await InScopeAsync<Store.StoreDbContext, (Guid, Guid)>(async db =>
        {
            var found = await db.People.Where(p => p.Identities.Any(i => i.Channel == "webchat" && i.ExternalId == counsellorId))
                .Select(p => new { p.Id, p.GroupId }).SingleAsync();
            return (found.Id, found.GroupId!.Value);
        });

    /// <summary>One counsellor turn on the web chat, in her own conversation, with a fresh delivery key.</summary>
    public async Task<TurnResult> CounsellorSaysAsync(string text)
    {
        var message = new IncomingMessage(new ChannelUser("webchat", counsellorId), "conv-" + counsellorId, text);
        var outcome = await Services.GetRequiredService<TurnRunner>().RunAsync(new TurnRequest(message, Guid.NewGuid().ToString("N")));
        return outcome.Result;
    }

    /// <summary>A service of a fresh scope, as a job gets it.</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Bot.Bench.Server.Root);
        builder.UseSetting("ConnectionStrings:Bot", connectionString);
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("WebChat:CounsellorIds:0", counsellorId);
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        // A fresh database has no migrations' history yet: EF logs the first look at it as an error.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FlowingClock(RegionalCalendar.Now)));
    }

    /// <summary>Real time that flows, starting from a chosen instant.</summary>
    private sealed class FlowingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
