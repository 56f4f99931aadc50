using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bot.Tests.Support;

/// <summary>The bot as its own process (Bot.dll beside the tests, or another server's build), to be killed for real.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    public Uri BaseUrl { get; }

    /// <summary>The whole lines the process wrote to stdout so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private BotProcess(Process process, Uri baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts Bot.dll (or <paramref name="dll"/>) and waits until it answers on <paramref name="port"/>.</summary>
    public static async Task<BotProcess> StartAsync(int port, IDictionary<string, string> settings, string? dll = null)
    {
        dll ??= Path.Combine(AppContext.BaseDirectory, "Bot.dll");
        var name = Path.GetFileName(dll);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null) bot._output.Enqueue(line.Data);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(20))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with code {process.ExitCode}");
            try { if ((await http.GetAsync("/")).IsSuccessStatusCode) return bot; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
        }
        throw new TimeoutException($"{name} did not answer within 60 s");
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the process could still do.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
