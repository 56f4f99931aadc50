using System.Text;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>
/// The slash commands, generated from the dialogs' declarations (French, with en-US localizations), registered
/// by bulk overwrite: <c>dotnet run --project Bot -- discord register [--guild &lt;id&gt;]</c>.
/// </summary>
public sealed class DiscordCommands(DiscordRestClient rest, IOptions<DiscordOptions> options, CommandCatalog catalog)
{
    private const int ChatInput = 1, StringOption = 3, InGuild = 0, InBotDm = 1;

    /// <summary>The commands as Discord's application command objects (names in NFC, as Discord requires).</summary>
    public static JsonArray Payload(CommandCatalog catalog) => new([.. catalog.All.Select(c => (JsonNode)Command(c))]);

    private static JsonObject Command(CommandDeclaration c)
    {
        var command = new JsonObject
        {
            ["name"] = c.Name.Normalize(NormalizationForm.FormC),
            ["name_localizations"] = new JsonObject { ["en-US"] = c.NameEn },
            ["description"] = c.ListedDescription,
            ["description_localizations"] = new JsonObject { ["en-US"] = c.ListedDescriptionEn },
            ["type"] = ChatInput,
            ["contexts"] = c.CounsellorOnly ? new JsonArray(InGuild) : new JsonArray(InGuild, InBotDm),
            ["options"] = c.Argument is { } a
                ? new JsonArray(new JsonObject { ["type"] = StringOption, ["name"] = a.Name, ["description"] = a.Description, ["required"] = a.Required })
                : new JsonArray(),
        };
        // "0": only the server's admins see a counsellor's command until they allow the counsellors' role
        // (Server Settings → Integrations). Member permissions exist in a server only, hence no DM context above.
        // Either way the engine refuses a pupil, whatever Discord shows.
        if (c.CounsellorOnly) command["default_member_permissions"] = "0";
        return command;
    }

    /// <summary>Bulk overwrite, for a server (instant, for testing) or globally.</summary>
    public async Task<int> RegisterAsync(string? guildId, CancellationToken ct)
    {
        var app = options.Value.ApplicationId;
        var path = guildId is null ? $"applications/{app}/commands" : $"applications/{app}/guilds/{guildId}/commands";
        var registered = await rest.SendJsonAsync(HttpMethod.Put, path, Payload(catalog), asBot: true, ct);
        return registered?.AsArray().Count ?? 0;
    }
}

public static class DiscordCommandLine
{
    /// <summary><c>discord register [--guild &lt;id&gt;]</c>: registers the slash commands.</summary>
    public static async Task RegisterAsync(WebApplication app, string[] args)
    {
        var options = app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (!options.Enabled || string.IsNullOrWhiteSpace(options.BotToken))
        {
            Console.Error.WriteLine("Discord is not configured: set Discord:ApplicationId, Discord:PublicKey and Discord:BotToken (environment: Discord__BotToken).");
            Environment.ExitCode = 2;
            return;
        }
        var guild = args.SkipWhile(a => a != "--guild").Skip(1).FirstOrDefault() ?? options.GuildId;
        var count = await app.Services.GetRequiredService<DiscordCommands>().RegisterAsync(guild, CancellationToken.None);
        Console.WriteLine(guild is null ? $"{count} commands registered globally (they can take up to an hour to appear)." : $"{count} commands registered on server {guild}.");
    }
}
