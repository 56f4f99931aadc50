using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>The real app over its HTTP pipeline, on a SQLite file of the test's own, with a fake clock.</summary>
public sealed class BotApp(string connectionString, TimeProvider clock, string? secret = null, string provider = "",
    Action<IServiceCollection>? services = null, bool runJobs = false, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
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
            services?.Invoke(s);
        });
    }
}
