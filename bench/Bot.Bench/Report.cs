namespace Bot.Bench;

/// <summary>The load run: the echo baseline, the bot over Direct Line and Discord, the footprint; each figure against its target.</summary>
internal static class Report
{
    public static async Task<bool> LoadAsync(Settings s)
    {
        var ok = true;
        void Target(string what, bool met, string detail)
        {
            ok &= met;
            Console.WriteLine($"  {(met ? "✓" : "✗")} {what}: {detail}");
        }

        // The baseline first, alone on the machine.
        await using var connector = await Connector.StartAsync();
        Stats echo;
        double echoMemory;
        TimeSpan echoStart;
        await using (var echoBot = await Server.StartAsync(Server.Dll("bench/EchoBot", "EchoBot"), new Dictionary<string, string>(), "/health"))
        {
            echo = await Load.EchoAsync(echoBot.BaseUrl, connector.ServiceUrl, s.Pupils, s.Warmup, s.Duration);
            echoMemory = echoBot.ResidentMegabytes();
            echoStart = echoBot.StartToFirstAnswer;
        }

        var data = Directory.CreateTempSubdirectory("p2p-bench-");
        using var signer = new DiscordSigner();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(data.FullName, "bot.db")}",
            ["Discord__ApplicationId"] = DiscordSigner.ApplicationId,
            ["Discord__PublicKey"] = signer.PublicKeyHex,
            // Saturation from one address on purpose: the limiter still runs on every request, with limits it never reaches.
            ["RateLimits__StartsPerMinute"] = "1000000", ["RateLimits__MessagesPerMinute"] = "1000000",
            ["RateLimits__MessagesPerAddressPerMinute"] = "1000000",
        };
        try
        {
            await using var bot = await Server.StartAsync(Server.Dll("Bot", "Bot"), environment, "/", data.FullName);
            // The Friday rush: every pupil of the group logging a session at once, at a person's pace.
            var (rush, sessions, notSaved) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, s.Warmup, s.Duration, (TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)));
            // The most turns the bot can answer: the same pupils without pausing, against the echo's most.
            var (directLine, saturatedSessions, saturatedNotSaved) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, s.Warmup, s.Duration);
            sessions += saturatedSessions;
            notSaved += saturatedNotSaved;
            var (discord, discordSessions) = await Load.DiscordAsync(bot.BaseUrl, signer, s.DiscordPerSecond, s.Warmup, s.Duration);

            // Memory after the asked number of turns: more Direct Line sessions if the runs above made fewer.
            var turns = rush.Count + directLine.Count + discord.Count; // counted turns only; warm-ups add more
            if (turns < s.MemoryTurns)
            {
                var more = TimeSpan.FromSeconds(Math.Ceiling((s.MemoryTurns - turns) / Math.Max(directLine.PerSecond, 1)) + 1);
                var (extra, _, _) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, TimeSpan.Zero, more);
                turns += extra.Count;
            }
            var memory = bot.ResidentMegabytes();

            Console.WriteLine();
            Console.WriteLine($"{"",-44} {"count",7} {"rate",11}  latency per turn");
            Console.WriteLine(echo.Line());
            Console.WriteLine(rush.Line());
            Console.WriteLine(directLine.Line());
            Console.WriteLine(discord.Line());
            Console.WriteLine($"Sessions saved: {sessions} over Direct Line ({notSaved} not saved), {discordSessions} over Discord.");
            Console.WriteLine();
            Console.WriteLine("Targets:");
            Target($"Direct Line p99 ≤ 25 ms, {s.Pupils} pupils at once", rush.Percentile(99) <= 25, $"{rush.Percentile(99):F2} ms (saturated: {directLine.Percentile(99):F0} ms)");
            var ratio = directLine.PerSecond / echo.PerSecond;
            Target("Direct Line throughput ≥ 60 % of the echo's", ratio >= 0.6, $"{directLine.PerSecond:F0} vs {echo.PerSecond:F0} turns/s = {ratio:P0}");
            Target("No turn in error", rush.Errors + directLine.Errors + discord.Errors + echo.Errors == 0,
                $"{rush.Errors + directLine.Errors} Direct Line, {discord.Errors} Discord, {echo.Errors} echo");
            Target($"Discord p99 ≤ 50 ms at {s.DiscordPerSecond}/s", discord.Percentile(99) <= 50 && discord.PerSecond >= s.DiscordPerSecond * 0.95,
                $"{discord.Percentile(99):F2} ms at {discord.PerSecond:F0}/s");
            Target("Start to first answer ≤ 2 s", bot.StartToFirstAnswer <= TimeSpan.FromSeconds(2),
                $"{bot.StartToFirstAnswer.TotalSeconds:F2} s (echo: {echoStart.TotalSeconds:F2} s)");
            Target($"Memory ≤ 150 MB after {s.MemoryTurns:N0} turns", memory <= 150, $"{memory:F0} MB resident after {turns:N0} counted turns (echo: {echoMemory:F0} MB)");
        }
        finally
        {
            data.Delete(recursive: true);
        }
        return ok;
    }
}
