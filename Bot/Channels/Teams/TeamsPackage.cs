using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;

namespace Bot.Channels.Teams;

/// <summary>
/// The Teams app package: manifest.json (schema v1.30) and its two icons, zipped at the root, ready
/// to upload in Teams ("Gérer vos applications" → "Charger une application"). Ids and addresses come
/// from configuration; the texts are the bot's own, in French.
/// </summary>
internal static class TeamsPackage
{
    public const string ManifestVersion = "1.30";
    public const string SchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json";
    public const string ColorIcon = "color.png", OutlineIcon = "outline.png";

    /// <summary>At most 10 commands a list (and titles of 32 characters, descriptions of 128).</summary>
    public const int MaxCommands = 10;

    /// <summary>
    /// Teams shows one list to everyone in a scope, never one per person. The personal chat lists the
    /// pupils' commands first (in the catalogue's order, "aide" always), then the counsellor's while there is
    /// room: one that does not fit can still be typed, and "aide" and the counsellor's welcome list them all.
    /// In a team the bot only points to the personal chat, so that list holds the engine's own commands (aide).
    /// </summary>
    internal static IEnumerable<CommandDeclaration> PersonalCommands(CommandCatalog catalog)
    {
        var others = catalog.All.Except(CommandCatalog.EngineCommands).OrderBy(c => c.CounsellorOnly);
        return others.Take(MaxCommands - CommandCatalog.EngineCommands.Count).Concat(CommandCatalog.EngineCommands);
    }

    internal static IEnumerable<CommandDeclaration> TeamCommands => CommandCatalog.EngineCommands;

    /// <summary>What is missing or wrong in the configuration for a package, in French; empty when it can be built.</summary>
    public static IReadOnlyList<string> Problems(TeamsPackageOptions o)
    {
        var problems = new List<string>();
        if (!Guid.TryParse(o.BotId, out _)) problems.Add("MicrosoftAppId : l'identifiant (GUID) de l'application du bot, donné par la ressource Azure Bot.");
        if (o.AppId is { Length: > 0 } && !Guid.TryParse(o.AppId, out _)) problems.Add("Teams:Package:AppId doit être un GUID.");
        if (!Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            problems.Add("Teams:Package:PublicUrl : l'adresse HTTPS publique du bot (par exemple https://p2p.example.fr).");
        if (!System.Text.RegularExpressions.Regex.IsMatch(o.AccentColor, "^#[0-9a-fA-F]{6}$")) problems.Add("Teams:Package:AccentColor : une couleur #RRGGBB.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(o.Version, @"^\d+\.\d+\.\d+$")) problems.Add("Teams:Package:Version : une version x.y.z.");
        return problems;
    }

    public static JsonObject Manifest(TeamsPackageOptions o, CommandCatalog catalog)
    {
        var site = new Uri(o.PublicUrl!);
        static JsonArray Commands(IEnumerable<CommandDeclaration> commands) =>
            [.. commands.Select(c => (JsonNode)new JsonObject { ["title"] = c.Name, ["description"] = c.ListedDescription })];
        return new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["manifestVersion"] = ManifestVersion,
            ["version"] = o.Version,
            // The Teams app's own id; the bot's id is the usual choice when there is one bot.
            ["id"] = string.IsNullOrWhiteSpace(o.AppId) ? o.BotId : o.AppId,
            ["localizationInfo"] = new JsonObject { ["defaultLanguageTag"] = "fr-fr" },
            ["developer"] = new JsonObject
            {
                ["name"] = o.DeveloperName,
                ["websiteUrl"] = site.ToString(),
                ["privacyUrl"] = new Uri(site, "confidentialite.html").ToString(),
                ["termsOfUseUrl"] = new Uri(site, "conditions.html").ToString(),
            },
            ["name"] = new JsonObject { ["short"] = "Peer to Peer", ["full"] = "Peer to Peer – Espace Info Jeunes de Vire Normandie" },
            ["description"] = new JsonObject
            {
                ["short"] = "Note tes séances du vendredi et suis tes Open Badges.",
                ["full"] = "L'assistant du programme Peer to Peer de l'Espace Info Jeunes de Vire Normandie. " +
                    "Chaque vendredi, note ce que tu as partagé et appris avec les autres ; en fin de trimestre, fais ton bilan et demande tes Open Badges. " +
                    "Il t'aide à créer ton compte Open Badge Passport, à rendre un badge public et à en faire un QR code pour ton CV. " +
                    "La conseillère y suit le trimestre et valide les badges. Tu peux voir ou effacer tes données à tout moment : écris « mes données ».",
            },
            ["icons"] = new JsonObject { ["color"] = ColorIcon, ["outline"] = OutlineIcon },
            ["accentColor"] = o.AccentColor,
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = o.BotId,
                ["scopes"] = new JsonArray("personal", "team"),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
                ["commandLists"] = new JsonArray(
                    new JsonObject { ["scopes"] = new JsonArray("personal"), ["commands"] = Commands(PersonalCommands(catalog)) },
                    new JsonObject { ["scopes"] = new JsonArray("team"), ["commands"] = Commands(TeamCommands) }),
            }),
            ["validDomains"] = new JsonArray(site.Host),
        };
    }

    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// `teams package --out file.zip`: writes the package, or says in French what the configuration lacks (exit code 2).
    /// </summary>
    public static int Run(IConfiguration configuration, CommandCatalog catalog, string[] args, TextWriter output, TextWriter errors)
    {
        var options = configuration.GetSection(TeamsPackageOptions.Section).Get<TeamsPackageOptions>() ?? new TeamsPackageOptions();
        options.BotId = configuration["MicrosoftAppId"];
        var path = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        var problems = Problems(options).ToList();
        if (string.IsNullOrWhiteSpace(path)) problems.Add("--out <fichier>.zip : où écrire le paquet.");
        if (problems.Count > 0)
        {
            errors.WriteLine("Impossible de créer le paquet Teams. Il manque :");
            foreach (var problem in problems) errors.WriteLine("- " + problem);
            return 2;
        }
        using (var file = File.Create(path!)) Write(options, catalog, file);
        output.WriteLine($"Paquet Teams écrit : {Path.GetFullPath(path!)} (manifeste {ManifestVersion}, application {Manifest(options, catalog)["id"]}).");
        output.WriteLine("Chargez-le dans Teams : Applications → Gérer vos applications → Charger une application.");
        return 0;
    }

    /// <summary>Writes the zip: manifest.json and the two icons, at its root (Teams refuses a package with a folder).</summary>
    public static void Write(TeamsPackageOptions o, CommandCatalog catalog, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        void Add(string name, byte[] content)
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            entry.Write(content);
        }
        Add("manifest.json", JsonSerializer.SerializeToUtf8Bytes(Manifest(o, catalog), Readable));
        Add(ColorIcon, TeamsIcons.Color(o.AccentColor));
        Add(OutlineIcon, TeamsIcons.Outline());
    }
}

/// <summary>appsettings "Teams:Package" (plus the root MicrosoftAppId, the bot's id).</summary>
public sealed class TeamsPackageOptions
{
    public const string Section = "Teams:Package";

    public string? BotId { get; set; }

    /// <summary>The Teams app id (a GUID); the bot's id when empty.</summary>
    public string? AppId { get; set; }

    /// <summary>The bot's public HTTPS address: the developer's site, the privacy and terms pages, the valid domain.</summary>
    public string? PublicUrl { get; set; }

    public string Version { get; set; } = "1.0.0";
    public string DeveloperName { get; set; } = "Ville de Vire Normandie";
    public string AccentColor { get; set; } = "#1F4E8C";
}
