namespace Bot.Bench;

/// <summary>A baseline measured alone on the machine: its start, one client, saturated, its memory after its own turns.</summary>
internal sealed record Baseline(TimeSpan Start, Stats Alone, Stats Saturated, double MemoryMegabytes, int Turns, int TopUpErrors);

/// <summary>The bot's figures; <paramref name="SessionCheck"/> says what went wrong in one session per channel at no pace (null: saved).</summary>
internal sealed record BotFigures(TimeSpan FirstStart, TimeSpan Start, Stats Alone,
    Stats Rush, Stats Saturated, Stats Discord, double MemoryMegabytes, int Turns,
    int TopUpErrors, int Sessions, int NotSaved, int DiscordSessions, string? SessionCheck);

/// <summary>One run of the load measurement: the floor, the echo and the bot, one after the other, each alone.</summary>
internal sealed record LoadRun(Baseline Floor, Baseline Echo, BotFigures Bot)
{
    public IEnumerable<Stats> Stats =>
        [Floor.Alone, Floor.Saturated, Echo.Alone, Echo.Saturated, Bot.Alone, Bot.Rush, Bot.Saturated, Bot.Discord];

    public static async Task<LoadRun> MeasureAsync(Settings s)
    {
        var data = Directory.CreateTempSubdirectory("p2p-bench-");
        try
        {
            Baseline floor;
            await using (var server = await FloorLoad.StartAsync(data))
            {
                floor = await BaselineAsync(server, s, (users, warmup, duration) => FloorLoad.RunAsync(server.BaseUrl, users, warmup, duration));
            }

            Baseline echo;
            await using (var connector = await Connector.StartAsync())
            await using (var server = await Server.StartAsync(Server.Dll("bench/EchoBot", "EchoBot"), new Dictionary<string, string>(), "/health"))
                echo = await BaselineAsync(server, s,
                    (users, warmup, duration) => Load.EchoAsync(server.BaseUrl, connector.ServiceUrl, users, warmup, duration));

            return new LoadRun(floor, echo, await BotAsync(s, data));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<Baseline> BaselineAsync(Server server, Settings s, Func<int, TimeSpan, TimeSpan, Task<Stats>> run)
    {
        var alone = await run(1, s.Warmup, s.Duration);
        var saturated = await run(s.Pupils, s.Warmup, s.Duration);
        var (turns, topUpErrors) = await TopUpAsync(alone.Count + saturated.Count, s.MemoryTurns, saturated.PerSecond,
            duration => run(s.Pupils, TimeSpan.Zero, duration));
        return new Baseline(server.StartToFirstAnswer, alone, saturated, server.ResidentMegabytes(), turns, topUpErrors);
    }

    /// <summary>
    /// More saturated turns until <paramref name="wanted"/> were counted (warm-ups add more, for every server alike): a
    /// window sized at the last rate seen, again if it fell short (a window without warm-up starts slower).
    /// </summary>
    private static async Task<(int Turns, int Errors)> TopUpAsync(int counted, int wanted, double perSecond, Func<TimeSpan, Task<Stats>> more)
    {
        var errors = 0;
        for (var round = 0; counted < wanted && round < 5; round++)
        {
            var extra = await more(TimeSpan.FromSeconds(Math.Ceiling((wanted - counted) / Math.Max(perSecond, 1)) + 1));
            (counted, errors, perSecond) = (counted + extra.Count, errors + extra.Errors, extra.PerSecond);
        }
        return (counted, errors);
    }

    private static async Task<BotFigures> BotAsync(Settings s, DirectoryInfo data)
    {
        using var signer = new DiscordSigner();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(data.FullName, "bot.db")}",
            ["Discord__ApplicationId"] = DiscordSigner.ApplicationId,
            ["Discord__PublicKey"] = signer.PublicKeyHex,
            // Saturation from one address on purpose: the limiter still runs on every request, with limits it never reaches
            // (the most the options allow; more stops the bot at start).
            ["RateLimits__StartsPerMinute"] = "100000", ["RateLimits__MessagesPerMinute"] = "100000",
            ["RateLimits__MessagesPerAddressPerMinute"] = "1000000",
        };
        // As deployed (published, ReadyToRun); a smoke run takes the build, to stay short. The first start creates the
        // database (once in a bot's life); the start measured is the next one, a restart, as at each upgrade or reboot.
        var dll = s.Smoke ? Server.Dll("Bot", "Bot") : Server.Published("Bot", "Bot");
        TimeSpan firstStart;
        await using (var first = await Server.StartAsync(dll, environment, "/", data.FullName)) firstStart = first.StartToFirstAnswer;
        await using var bot = await Server.StartAsync(dll, environment, "/", data.FullName);
        // A pupil alone: the turn's own cost, what the floor's single request is compared with.
        var (alone, sessions, notSaved) = await Load.DirectLineAsync(bot.BaseUrl, 1, s.Warmup, s.Duration);
        // The Friday rush: every pupil of the group logging a session at once, at a person's pace.
        var (rush, rushSessions, rushNotSaved) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, s.Warmup, s.Duration,
            (TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)));
        // The most turns the bot can answer: the same pupils without pausing, against the echo's most.
        var (saturated, saturatedSessions, saturatedNotSaved) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, s.Warmup, s.Duration);
        var (discord, discordSessions) = await Load.DiscordAsync(bot.BaseUrl, signer, s.DiscordPerSecond, s.Warmup, s.Duration);
        sessions += rushSessions + saturatedSessions;
        notSaved += rushNotSaved + saturatedNotSaved;

        // Memory after the asked number of turns: more Direct Line sessions if the runs above made fewer.
        var counted = alone.Count + rush.Count + saturated.Count + discord.Count;
        var (turns, topUpErrors) = await TopUpAsync(counted, s.MemoryTurns, saturated.PerSecond, async duration =>
        {
            var (extra, extraSessions, extraNotSaved) = await Load.DirectLineAsync(bot.BaseUrl, s.Pupils, TimeSpan.Zero, duration);
            sessions += extraSessions;
            notSaved += extraNotSaved;
            return extra;
        });
        var memory = bot.ResidentMegabytes();
        return new BotFigures(firstStart, bot.StartToFirstAnswer, alone, rush, saturated, discord, memory, turns, topUpErrors,
            sessions, notSaved, discordSessions, await OneSessionEachAsync(bot.BaseUrl, signer));
    }

    /// <summary>
    /// One session on each channel, start to end, whatever the machine's pace: the timed windows may be too short for a
    /// pupil to finish one (a smoke run on a busy machine), and "saved" should not depend on that.
    /// </summary>
    private static async Task<string?> OneSessionEachAsync(Uri bot, DiscordSigner signer)
    {
        using var http = Load.Client(bot);
        var pupil = new DirectLinePupil(http, $"bench-check-{Guid.NewGuid():N}"[..40]);
        await pupil.StartAsync();
        foreach (var (text, choice) in DirectLinePupil.Session)
            if (await pupil.SayAsync(text, choice) is { Ok: false, Error: var error }) return $"Direct Line: {error} at \"{text}\"";
        if (await pupil.LastBotTextAsync() is not { } last || !last.StartsWith("C'est enregistré", StringComparison.Ordinal))
            return "Direct Line: the session was not saved";
        var discord = new DiscordPupil("803511102246899999");
        while (!discord.Done)
        {
            var (answer, _, failure) = await DiscordPupil.SendAsync(http, signer.Request(discord.Next()));
            if ((failure ?? discord.Check(answer)) is { } problem) return "Discord: " + problem;
        }
        return null;
    }
}
