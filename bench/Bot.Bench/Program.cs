using System.Globalization;
using Bot.Bench;

// dotnet run -c Release --project bench/Bot.Bench -- [all|load|fanout|charts] [--pupils 64] [--seconds 20] [--warmup 5]
//   [--discord-rps 100] [--fanout 2000] [--memory-turns 10000] [--charts 200] [--runs 1] [--verbose]
// dotnet run -c Release --project bench/Bot.Bench -- load --smoke   (CI: 2 s of each, targets not held, only errors fail)
// dotnet run -c Release --project bench/Bot.Bench -- regional [--groups 300] [--pupils 25] [--repeat 20] [--keep] [--smoke]
//   (PostgreSQL: BOT_TEST_POSTGRES, else the local server with the tests' role; not part of "all")
// dotnet run -c Release --project bench/Bot.Bench -- instances [--pupils 64] [--seconds 20] [--warmup 5] [--pool 40] [--keep] [--smoke]
//   (one bot process, then two on one PostgreSQL database, as "regional"; --pool: each one's Maximum Pool Size, 0 for Npgsql's 100;
//   --smoke: 8 pupils, 3 s; not part of "all")
// dotnet run -c Release --project bench/Bot.Bench -- fanout-instances [--fanout 2000]   (one instance then two, as "regional")
// dotnet run -c Release --project bench/Bot.Bench -- regional-friday [--groups 300] [--pupils 25] [--instances 2] [--smoke]
//   (the Friday reminder to every pupil of the region on Discord, as "regional")
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int Option(string name, int fallback) =>
    args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
Server.Verbose = args.Contains("--verbose");
var smoke = args.Contains("--smoke");
var settings = new Settings(Option("pupils", 64), TimeSpan.FromSeconds(Option("seconds", smoke ? 2 : 20)),
    TimeSpan.FromSeconds(Option("warmup", smoke ? 1 : 5)), Option("discord-rps", smoke ? 20 : 100), Option("fanout", 2000),
    Option("memory-turns", smoke ? 0 : 10_000), Option("runs", 1), smoke);

Console.WriteLine($"Peer to Peer bench · {DateTimeOffset.Now:yyyy-MM-dd HH:mm} · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {mode}");
var failed = false;
if (mode is "all" or "load") failed |= !await Report.LoadAsync(settings);
if (mode is "all" or "fanout") failed |= !await FanOut.RunAsync(settings.FanOut);
if (mode is "fanout-instances") failed |= !await FanOutInstances.RunAsync(settings.FanOut); // PostgreSQL as "regional"; not part of "all"
if (mode is "regional-friday") // PostgreSQL as "regional"; not part of "all"
    failed |= !await FanOutInstances.RegionalFridayAsync(Option("groups", 300), Option("pupils", 25), Option("instances", 2), smoke);
if (mode is "all" or "charts") failed |= !Charts.Run(Option("charts", 200));
if (mode is "regional")
    failed |= !await Regional.RunAsync(new RegionalSettings(Option("groups", 300), Option("pupils", 25), Option("repeat", 20),
        args.Contains("--keep"), args.Contains("--smoke")));
if (mode is "instances")
    failed |= !await Instances.RunAsync(args.Contains("--smoke")
        ? new InstancesSettings(Option("pupils", 8), TimeSpan.FromSeconds(Option("seconds", 3)), TimeSpan.FromSeconds(Option("warmup", 1)),
            Option("pool", 40), args.Contains("--keep"), true)
        : new InstancesSettings(settings.Pupils, settings.Duration, settings.Warmup, Option("pool", 40), args.Contains("--keep"), false));
return failed ? 1 : 0;

internal sealed record Settings(int Pupils, TimeSpan Duration, TimeSpan Warmup, int DiscordPerSecond, int FanOut, int MemoryTurns, int Runs = 1,
    bool Smoke = false);
