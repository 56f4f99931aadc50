using System.Diagnostics;
using Bot.Channels.Discord;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.People;
using Bot.Jobs;
using Bot.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>
/// The Friday reminder to N pupils on Discord, through the real Hangfire server and SQLite store of
/// a bot hosted in this process (its clock set to a Friday of term, 17:00 Paris), against the
/// rate-limited fake of Discord's REST API.
/// </summary>
internal static class FanOut
{
    internal static readonly DateTimeOffset FridayFivePm = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);

    public static async Task<bool> RunAsync(int pupils)
    {
        Console.WriteLine();
        Console.WriteLine($"Fan-out: the Friday reminder to {pupils} pupils on Discord (fake REST API: global {RateLimitedDiscord.GlobalPerSecond}/s, " +
            $"{RateLimitedDiscord.MessagesPerChannel} messages per channel per {RateLimitedDiscord.MessagesWindow.TotalSeconds:0} s, {RateLimitedDiscord.DmChannelsPerSecond} DM channels created per second)");
        var ok = true;
        // Known DM channels (every Friday after the first), then none known (the very first reminder: two requests per pupil).
        ok &= await RunOnceAsync(pupils, dmChannelsKnown: true);
        ok &= await RunOnceAsync(Math.Max(pupils / 10, 1), dmChannelsKnown: false);
        return ok;
    }

    private static async Task<bool> RunOnceAsync(int pupils, bool dmChannelsKnown)
    {
        await using var discord = await RateLimitedDiscord.StartAsync();
        var data = Directory.CreateTempSubdirectory("p2p-fanout-");
        try
        {
            await using var bot = new FanOutHost(Path.Combine(data.FullName, "bot.db"), discord.BaseUrl);
            var ids = await SeedAsync(bot.Services, pupils, dmChannelsKnown);

            var clock = Stopwatch.StartNew();
            using (var scope = bot.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<ReminderJobs>().FridayReminderAsync(CancellationToken.None);
            var requestsPerPupil = dmChannelsKnown ? 1 : 2;
            // The least time Discord's limits allow: the global limit, or creating the DM channels when that is slower.
            var bound = TimeSpan.FromSeconds(Math.Max((double)pupils * requestsPerPupil / RateLimitedDiscord.GlobalPerSecond,
                dmChannelsKnown ? 0 : (double)pupils / RateLimitedDiscord.DmChannelsPerSecond));
            var deadline = bound * 3 + TimeSpan.FromSeconds(30);
            while (discord.MessagesPerUser.Count < pupils && clock.Elapsed < deadline) await Task.Delay(100);
            var elapsed = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3)); // late duplicates, if any

            int recorded;
            using (var scope = bot.Services.CreateScope())
                recorded = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().SentReminders.CountAsync(r => r.Delivered);
            var duplicates = discord.MessagesPerUser.Values.Sum(n => n - 1);
            var misses = ids.Count(id => !discord.MessagesPerUser.ContainsKey(id));
            var ratio = elapsed / bound;
            var met = misses == 0 && duplicates == 0 && ratio <= 1.1;
            Console.WriteLine($"  {(met ? "✓" : "✗")} {pupils} pupils, DM channels {(dmChannelsKnown ? "known" : "to create")}: {elapsed.TotalSeconds:F1} s " +
                $"against the {bound.TotalSeconds:F1} s bound ({ratio:F2}×), {discord.Requests} requests, 429s: {discord.GlobalLimited} global + {discord.RouteLimited} route, " +
                $"duplicates {duplicates}, misses {misses}, recorded as delivered {recorded}");
            return met;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>N pupils known on Discord who logged a session the Friday before (so the reminder is for them).</summary>
    internal static async Task<List<string>> SeedAsync(IServiceProvider services, int pupils, bool dmChannelsKnown)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        // The one group a fresh bot starts with (Programme:FirstGroupName): reminders go group by group.
        var group = await db.Groups.Select(g => g.Id).SingleAsync();
        var ids = new List<string>();
        for (var i = 0; i < pupils; i++)
        {
            var userId = $"9100000000000{i:D5}";
            ids.Add(userId);
            var person = new Person { DisplayName = $"Élève {i}", GroupId = group, CreatedAt = FridayFivePm.AddDays(-30) };
            person.Identities.Add(new ChannelIdentity { PersonId = person.Id, Channel = "discord", ExternalId = userId });
            db.People.Add(person);
            db.Contributions.Add(new Contribution
            {
                PersonId = person.Id, GroupId = group, SessionDate = new DateOnly(2026, 11, 27), Shared = "Un atelier", Learned = "Plein de choses",
                Domain = ContributionDomain.Other, Level = 2, CreatedAt = FridayFivePm.AddDays(-7), UpdatedAt = FridayFivePm.AddDays(-7),
            });
            if (dmChannelsKnown) db.Add(new DiscordDmChannel { UserId = userId, ChannelId = "dm-" + userId, UpdatedAt = FridayFivePm.AddDays(-7) });
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>The bot, hosted here so that its clock can say Friday; its Hangfire server runs as in production.</summary>
    private sealed class FanOutHost(string databasePath, string discordApi) : WebApplicationFactory<ReminderJobs> // any type of the bot's assembly: the factory runs its entry point
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(Bot.Bench.Server.Root);
            builder.UseSetting("ConnectionStrings:Bot", $"Data Source={databasePath}");
            builder.UseSetting("Jobs:RunServer", "true");
            builder.UseSetting("Discord:ApplicationId", DiscordSigner.ApplicationId);
            builder.UseSetting("Discord:PublicKey", new string('0', 64));
            builder.UseSetting("Discord:BotToken", "bench-token");
            builder.UseSetting("Discord:ApiBaseUrl", discordApi);
            builder.UseSetting("Logging:LogLevel:Default", "Error");
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(new ShiftedClock(FridayFivePm)));
        }
    }

    /// <summary>Real time that flows, starting from a chosen instant.</summary>
    internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
