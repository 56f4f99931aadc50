using System.Net;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Hosting;

/// <summary>
/// Without a secret the whole app is this machine's: every path refuses a stranger (another address, a
/// reverse proxy's headers, a public Host), not only the Direct Line calls.
/// </summary>
public sealed class ThisMachineOnlyTests : OwnBotApp
{
    public static TheoryData<string, string> Paths => new()
    {
        { "POST", "/webchat/token?user=conseillere" },
        { "GET", "/" },
        { "GET", "/invitation.html" },
        { "GET", "/hangfire" },
        { "POST", "/webchat/forget" },
        { "GET", "/webchat/signin" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryPath_RefusesAProxiedRequest_OrAForeignHost(string method, string path)
    {
        foreach (var (remote, header, value) in new[] { ("127.0.0.1", "X-Forwarded-For", "203.0.113.7"), ("127.0.0.1", "Host", "evil.example") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path).From(App, remote, header, value);
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Ce chat n'est ouvert qu'à cet ordinateur (aucun secret configuré).",
                JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
            Assert.DoesNotContain("set-cookie", response.Headers.Select(h => h.Key.ToLowerInvariant()));
        }
    }

    [Fact]
    public async Task ThisMachine_StillGetsThePageAndAToken()
    {
        using var page = await Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var token = await Http.PostAsync("/webchat/token?user=lea", null);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}

/// <summary>With a secret, forwarded headers are heard from the proxies in configuration only.</summary>
public sealed class ReverseProxyTests : DeploymentTests
{
    private async Task<string> IdentityCookieAsync(BotApp app, string remote)
    {
        app.RemoteAddress = IPAddress.Parse(remote);
        using var browser = Browser(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("p2p-id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKnownProxy_SaysTheRequestWasHttps_AnUnknownOneIsNotHeard()
    {
        await using var app = App(new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });
        Assert.Contains("secure", await IdentityCookieAsync(app, "127.0.0.1"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await IdentityCookieAsync(app, "192.0.2.10"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AKnownNetwork_IsHeardToo_AndWithoutConfigurationNoProxyIs()
    {
        await using (var app = App(new Dictionary<string, string> { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/8" }))
            Assert.Contains("secure", await IdentityCookieAsync(app, "10.1.2.3"), StringComparison.OrdinalIgnoreCase);
        await using (var app = App())
            Assert.DoesNotContain("secure", await IdentityCookieAsync(app, "127.0.0.1"), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Without a secret the bot listens on loopback only, whatever source of configuration says otherwise.</summary>
public sealed class LoopbackBindingTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://0.0.0.0:{0}", null)]
    [InlineData(null, "Kestrel__Endpoints__Http__Url")]
    public async Task KestrelEndpointsBeyondLoopback_WithoutASecret_StopTheStartSayingWhy(string? argument, string? variable)
    {
        var port = BotProcess.FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.dll")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
            Environment = { ["ConnectionStrings__Bot"] = _database.ConnectionString, ["WebChat__Secret"] = "" },
        };
        if (argument is not null) start.ArgumentList.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, argument, port));
        if (variable is not null) start.Environment[variable] = $"http://0.0.0.0:{port}";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Kestrel:Endpoints", await output + await error);
    }
}

/// <summary>The page and the API carry the headers that keep a browser from framing, sniffing or leaking them.</summary>
public sealed class SecurityHeadersTests : DeploymentTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/invitation.html")]
    [InlineData("/webchat/token")]
    public async Task EveryAnswer_ForbidsSniffingAndReferrers_AndFramingByOtherSites(string path)
    {
        await using var app = App(new Dictionary<string, string> { ["WebChat:AllowedOrigins:0"] = "https://college-vire.example" });
        using var http = app.CreateClient();
        using var response = path == "/webchat/token" ? await http.PostAsync(path, null) : await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self' https://college-vire.example", policy);
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        // Over plain http (tests, this machine) there is no HSTS: browsers ignore it there, and it would pin localhost.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task OverHttpsBehindAKnownProxy_HstsIsSent()
    {
        await using var app = App(new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "p2p.vire-normandie.example";
        using var response = await http.SendAsync(request);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
