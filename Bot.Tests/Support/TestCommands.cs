using Bot.Dialogs;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>The command catalogue as the app builds it, from the dialogs AddDialogs registers (no database is opened).</summary>
internal static class TestCommands
{
    public static readonly CommandCatalog Catalog = Build();

    private static CommandCatalog Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDialogs();
        services.AddDbContext<StoreDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<StoreDbContext>());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<CommandCatalog>();
    }

    public static IEnumerable<CommandDeclaration> Pupils => Catalog.All.Where(c => !c.CounsellorOnly);
    public static IEnumerable<CommandDeclaration> Counsellors => Catalog.All.Where(c => c.CounsellorOnly);
}
