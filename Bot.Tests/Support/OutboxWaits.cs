using Bot.Dialogs.Notices;
using Bot.Outbox;
using Bot.Store;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>The outbox delivers after the commit, in the background: a test waits for it before looking at what was sent.</summary>
public static class OutboxWaits
{
    /// <summary>Delivers what is due and waits until no due row is pending (another pass may hold one); fails after five seconds.</summary>
    public static async Task DeliverOutboxAsync(this WebApplicationFactory<Program> app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        for (var waited = 0; waited < 5000; waited += 20)
        {
            await dispatcher.DeliverDueAsync(CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            var now = clock.GetUtcNow().UtcDateTime;
            var outbox = scope.ServiceProvider.GetRequiredService<StoreDbContext>().Outbox;
            if (!await outbox.AnyAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("The outbox still has due rows after five seconds.");
    }
}
