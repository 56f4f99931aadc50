using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>
/// The slash commands, in French with en-US localizations, registered by bulk overwrite:
/// <c>dotnet run --project Bot -- discord register [--guild &lt;id&gt;]</c>.
/// </summary>
public sealed class DiscordCommands(DiscordRestClient rest, IOptions<DiscordOptions> options)
{
    private static readonly (string Name, string En, string Description, string DescriptionEn, (string Name, string Description)? Option)[] Definitions =
    [
        ("jai-partagé", "i-shared", "Noter ta séance du vendredi : ce que tu as partagé et appris", "Log your Friday session: what you shared and learned", null),
        ("aide", "help", "Ce que le bot sait faire", "What the bot can do", null),
        ("compte", "account", "Créer ton compte Open Badge Passport, étape par étape", "Create your Open Badge Passport account, step by step", null),
        ("badges", "badges", "Les badges du Peer to Peer, et en demander un", "The programme's badges, and asking for one", null),
        ("qr", "qr", "Le QR code de ton badge pour ton CV", "A QR code of your badge for your CV", ("lien", "Le lien public de ton badge (onglet Partager)")),
        ("mes-donnees", "my-data", "Voir ou effacer ce que le bot garde sur toi", "See or erase what the bot keeps about you", null),
        ("suivi", "review", "Conseillère : le trimestre en un coup d'œil", "Counsellor: the trimester at a glance", null),
        ("eleve", "pupil", "Conseillère : le trimestre d'un élève", "Counsellor: one pupil's trimester", ("nom", "Le nom de l'élève")),
        ("demandes", "requests", "Conseillère : les demandes de badge à valider", "Counsellor: badge requests to decide", null),
        ("export", "export", "Conseillère : le trimestre en tableau (CSV)", "Counsellor: the trimester as a table (CSV)", null),
    ];

    /// <summary>The commands as Discord's application command objects (names in NFC, as Discord requires).</summary>
    public static JsonArray Payload() =>
        new([.. Definitions.Select(d => (JsonNode)new JsonObject
        {
            ["name"] = d.Name.Normalize(NormalizationForm.FormC),
            ["name_localizations"] = new JsonObject { ["en-US"] = d.En },
            ["description"] = d.Description,
            ["description_localizations"] = new JsonObject { ["en-US"] = d.DescriptionEn },
            ["type"] = 1,
            ["contexts"] = new JsonArray(0, 1), // in a server and in DMs with the bot
            ["options"] = d.Option is { } o
                ? new JsonArray(new JsonObject { ["type"] = 3, ["name"] = o.Name, ["description"] = o.Description, ["required"] = true })
                : new JsonArray(),
        })]);

    /// <summary>Bulk overwrite, for a server (instant, for testing) or globally.</summary>
    public async Task<int> RegisterAsync(string? guildId, CancellationToken ct)
    {
        var app = options.Value.ApplicationId;
        var path = guildId is null ? $"applications/{app}/commands" : $"applications/{app}/guilds/{guildId}/commands";
        var registered = await rest.SendJsonAsync(HttpMethod.Put, path, Payload(), asBot: true, ct);
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
