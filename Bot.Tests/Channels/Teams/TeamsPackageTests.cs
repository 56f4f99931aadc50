using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Channels.Teams;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using StbImageSharp;

namespace Bot.Tests.Channels.Teams;

/// <summary>
/// The Teams app package against the limits of manifest schema v1.30 (required fields, lengths,
/// patterns) and the icon rules. tools/teams-manifest also validates it with the published schema itself.
/// </summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private readonly string _folder = Directory.CreateTempSubdirectory("teams-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    private static readonly IConfiguration Complete = Settings(("MicrosoftAppId", BotId), ("Teams:Package:PublicUrl", "https://p2p.vire-normandie.example"));

    private (int Code, string Output, string Errors) Run(IConfiguration configuration, params string[] args)
    {
        using StringWriter output = new(), errors = new();
        var code = TeamsPackage.Run(configuration, TestCommands.Catalog, ["teams", "package", .. args], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private (JsonObject Manifest, Dictionary<string, byte[]> Files) Package()
    {
        var path = Path.Combine(_folder, "p2p.zip");
        Assert.Equal(0, Run(Complete, "--out", path).Code);
        using var zip = ZipFile.OpenRead(path);
        var files = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            e.Open().CopyTo(content);
            return content.ToArray();
        });
        return (JsonNode.Parse(files["manifest.json"])!.AsObject(), files);
    }

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void TheZip_HoldsTheManifestAndItsTwoIcons_AtItsRoot()
    {
        var (manifest, files) = Package();
        Assert.Equal(["color.png", "manifest.json", "outline.png"], files.Keys.Order());
        Assert.Equal("color.png", Str(manifest["icons"]!["color"]));
        Assert.Equal("outline.png", Str(manifest["icons"]!["outline"]));
    }

    [Fact]
    public void TheManifest_HasEveryRequiredField_WithinTheLimitsOfSchema130()
    {
        var (m, _) = Package();
        var guid = new Regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
        foreach (var required in new[] { "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor" }) Assert.NotNull(m[required]);
        Assert.Equal("1.30", Str(m["manifestVersion"]));
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json", Str(m["$schema"]));
        Assert.Matches(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$", Str(m["version"]));
        Assert.Matches(guid, Str(m["id"]));
        Assert.Equal(BotId, Str(m["id"])); // no Teams:Package:AppId: the bot's id
        Assert.Matches("^#[0-9a-fA-F]{6}$", Str(m["accentColor"]));
        Assert.Equal("fr-fr", Str(m["localizationInfo"]!["defaultLanguageTag"]));

        var developer = m["developer"]!;
        Assert.InRange(Str(developer["name"]).Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" }) Assert.StartsWith("https://p2p.vire-normandie.example/", Str(developer[url]));
        Assert.InRange(Str(m["name"]!["short"]).Length, 1, 30);
        Assert.InRange(Str(m["name"]!["full"]).Length, 1, 100);
        Assert.InRange(Str(m["description"]!["short"]).Length, 1, 80);
        Assert.InRange(Str(m["description"]!["full"]).Length, 1, 4000);

        var bot = Assert.Single(m["bots"]!.AsArray())!;
        Assert.Equal(BotId, Str(bot["botId"]));
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(Str));
        var lists = bot["commandLists"]!.AsArray();
        Assert.InRange(lists.Count, 1, 3);
        foreach (var list in lists)
        {
            Assert.All(list!["scopes"]!.AsArray(), s => Assert.Contains(Str(s), new[] { "team", "personal", "groupChat", "copilot" }));
            // Teams shows at most 10 commands a list, titles up to 32 characters and descriptions up to 128.
            var commands = list["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            Assert.All(commands, c => Assert.InRange(Str(c!["title"]).Length, 1, 32));
            Assert.All(commands, c => Assert.InRange(Str(c!["description"]).Length, 1, 128));
        }
        Assert.Contains(lists[0]!["commands"]!.AsArray(), c => Str(c!["title"]) == "jai-partagé");
        Assert.Equal(["p2p.vire-normandie.example"], m["validDomains"]!.AsArray().Select(Str));
    }

    private static List<string> Titles(JsonNode list) => [.. list["commands"]!.AsArray().Select(c => Str(c!["title"]))];

    [Fact]
    public void ThePersonalChat_ListsThePupilsCommandsFirst_AideAlways_WithinTeamsTen()
    {
        var (m, _) = Package();
        var personal = m["bots"]![0]!["commandLists"]!.AsArray().Single(l => Str(l!["scopes"]![0]) == "personal")!;
        var titles = Titles(personal);
        Assert.Equal(Math.Min(TestCommands.Catalog.All.Count, TeamsPackage.MaxCommands), titles.Count);
        foreach (var declared in TestCommands.Catalog.All.Where(c => titles.Contains(c.Name)))
        {
            var listed = personal["commands"]!.AsArray().Single(c => Str(c!["title"]) == declared.Name)!;
            Assert.Equal(declared.ListedDescription, Str(listed["description"]));
        }
        // The pupils' commands in the catalogue's order, "aide" last; what does not fit is typed (linking is rare: it comes last).
        var pupils = TestCommands.Pupils.Select(c => c.Name).Where(n => n != "aide").ToList();
        Assert.Equal([.. pupils.Take(TeamsPackage.MaxCommands - 1), "aide"], titles);
        Assert.All(pupils.Skip(TeamsPackage.MaxCommands - 1), n => Assert.Contains(n, new[] { "lier", "délier" }));
    }

    [Fact]
    public void ATeam_ListsOnlyAide()
    {
        var (m, _) = Package();
        var team = m["bots"]![0]!["commandLists"]!.AsArray().Single(l => Str(l!["scopes"]![0]) == "team")!;
        Assert.Equal(["aide"], Titles(team));
    }

    [Fact]
    public void TheColourIcon_Is192Square_TheOutlineIcon32Square_WhiteOnTransparent()
    {
        var (_, files) = Package();
        var color = ImageResult.FromMemory(files["color.png"], ColorComponents.RedGreenBlueAlpha);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal([0x1F, 0x4E, 0x8C, 255], color.Data[..4]); // the accent colour in the corner

        var outline = ImageResult.FromMemory(files["outline.png"], ColorComponents.RedGreenBlueAlpha);
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = outline.Data.Chunk(4).ToList();
        Assert.All(pixels, p => Assert.True(p[3] == 0 || p[..3].All(c => c == 255), "only white, or transparent"));
        Assert.Equal(0, pixels[0][3]); // a transparent background
        Assert.InRange(pixels.Count(p => p[3] == 255), 50, 32 * 32 / 2); // a drawing, not a filled square
    }

    [Fact]
    public void WithoutTheBotsIdOrAddress_NothingIsWritten_AndTheAdministratorIsToldWhatIsMissing()
    {
        var path = Path.Combine(_folder, "p2p.zip");
        var (code, _, errors) = Run(Settings(("Teams:Package:PublicUrl", "http://not-https.example")), "--out", path);
        Assert.Equal(2, code);
        Assert.Contains("MicrosoftAppId", errors);
        Assert.Contains("Teams:Package:PublicUrl : l'adresse HTTPS publique du bot", errors);
        Assert.False(File.Exists(path));
        Assert.Contains("--out <fichier>.zip", Run(Complete).Errors);
    }

    [Fact]
    public async Task TheCommandLine_WritesThePackage()
    {
        var path = Path.Combine(_folder, "from-cli.zip");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.dll"), "teams", "package", "--out", path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder,
            Environment = { ["MicrosoftAppId"] = BotId, ["Teams__Package__PublicUrl"] = "https://p2p.vire-normandie.example" },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Paquet Teams écrit", output);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(3, zip.Entries.Count);
    }
}
