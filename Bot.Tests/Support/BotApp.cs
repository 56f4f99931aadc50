using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>The real app over its HTTP pipeline, on a SQLite file of the test's own, with a fake clock.</summary>
public sealed class BotApp(string connectionString, TimeProvider clock, string? secret = null, string provider = "",
    Action<IServiceCollection>? services = null, bool runJobs = false, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Where the requests come from. TestServer knows no address; a test says which machine calls (null: none known).</summary>
    public IPAddress? RemoteAddress { get; set; } = IPAddress.Loopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Bot", connectionString);
        if (provider.Length > 0) builder.UseSetting("Store:Provider", provider);
        // Jobs are run by the tests themselves, at the time they choose, unless a test wants Hangfire's own servers.
        builder.UseSetting("Jobs:RunServer", runJobs ? "true" : "false");
        builder.UseSetting("WebChat:Secret", secret ?? "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.AddSingleton(clock);
            s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(this));
            services?.Invoke(s);
        });
    }

    /// <summary>In front of the whole pipeline, as Kestrel would: the connection's address is set before the app looks.</summary>
    private sealed class RemoteAddressFilter(BotApp app) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
        {
            pipeline.Use((http, call) =>
            {
                http.Connection.RemoteIpAddress = app.RemoteAddress;
                return call(http);
            });
            next(pipeline);
        };
    }
}
