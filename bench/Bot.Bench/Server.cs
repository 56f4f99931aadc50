using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bot.Bench;

/// <summary>A server under test, run as its own process from its build output, on a free loopback port.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    public Uri BaseUrl { get; }
    public TimeSpan StartToFirstAnswer { get; private set; }
    public int ProcessId => _process.Id;

    private Server(Process process, Uri baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from the repository (Bot.sln not found above " + AppContext.BaseDirectory + ").");
    }

    /// <summary>The build output of a project in the configuration this bench was built in.</summary>
    public static string Dll(string projectFolder, string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(Root, projectFolder, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build it first (dotnet build -c " + configuration + ")", path);
    }

    /// <summary>
    /// The project published as docs/DEPLOY.md publishes it (the bot: ReadyToRun, see Bot.csproj), into the bench's
    /// bin folder, once per bench process.
    /// </summary>
    public static string Published(string projectFolder, string name)
    {
        var output = Path.Combine(Root, "bench", "Bot.Bench", "bin", "published", name);
        lock (PublishedOnce)
        {
            if (PublishedOnce.Add(name))
            {
                var clock = Stopwatch.StartNew();
                using var publish = Process.Start(new ProcessStartInfo("dotnet",
                    ["publish", Path.Combine(Root, projectFolder), "-c", "Release", "-o", output, "-nologo", "-v", "quiet"])
                    { RedirectStandardOutput = true })!; // its errors are on its output; anything else on stderr shows as it comes
                var log = publish.StandardOutput.ReadToEnd();
                publish.WaitForExit();
                if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish {projectFolder} failed:\n{log}");
                Console.WriteLine($"  ({name} published as deployed, in {clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        return Path.Combine(output, name + ".dll");
    }

    private static readonly HashSet<string> PublishedOnce = [];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until <paramref name="readyPath"/> answers 200: that time is its start-to-first-answer.</summary>
    public static async Task<Server> StartAsync(string dll, IDictionary<string, string> environment, string readyPath, string? workingDirectory = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && Verbose) Console.WriteLine("  [server] " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("  [server] " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with code {process.ExitCode} at start.");
            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.StartToFirstAnswer = clock.Elapsed;
                    return server;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(5);
        }
        throw new TimeoutException($"{Path.GetFileName(dll)} did not answer {readyPath} within 60 s.");
    }

    public static bool Verbose { get; set; }

    /// <summary>Resident memory of the process (VmRSS), in MB.</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }

    public void Kill() { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
