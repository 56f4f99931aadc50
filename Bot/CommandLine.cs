using Bot.Channels.Discord;
using Bot.Channels.Teams;
using Bot.Channels.WebChat;
using Bot.Dialogs.Engine;

namespace Bot;

public static class CommandLine
{
    /// <summary>
    /// The administrator's commands, run instead of the bot: <c>discord register [--guild &lt;id&gt;]</c>,
    /// <c>teams package --out &lt;file&gt;.zip</c>, <c>counsellor invite|list|revoke</c>,
    /// <c>group add|list|rename|archive|code|poster</c>, <c>backup &lt;file&gt;</c>.
    /// False when the arguments ask for none (run the bot).
    /// </summary>
    public static async Task<bool> RunCommandLineAsync(this WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["discord", "register", ..]:
                await DiscordCommandLine.RegisterAsync(app, args);
                return true;
            case ["teams", "package", ..]:
                Environment.ExitCode = TeamsPackage.Run(app.Configuration, app.Services.GetRequiredService<CommandCatalog>(), args, Console.Out, Console.Error);
                return true;
            case ["backup", ..]:
                Environment.ExitCode = await Store.StoreBackup.RunAsync(app.Configuration, args, Console.Out, Console.Error);
                return true;
            case ["group", ..]:
                Environment.ExitCode = await Groups.GroupCommandLine.RunAsync(app, args, Console.Out, Console.Error);
                return true;
            case ["counsellor", ..]:
                Environment.ExitCode = await CounsellorCommandLine.RunAsync(app, args, Console.Out, Console.Error);
                return true;
            default:
                return false;
        }
    }
}
