using Bot.Tests.Support;
using StbImageSharp;

namespace Bot.Tests.Groups;

/// <summary>The administrator's <c>group</c> and <c>counsellor invite --group</c> commands, run as the real program on a database of their own.</summary>
public sealed class GroupCommandLineTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings__Bot"] = _database.ConnectionString, ["WebChat__PublicUrl"] = "https://p2p.example.fr",
    };

    private async Task<string> RunAsync(params string[] args)
    {
        var (exit, output, error) = await BotCommand.RunAsync(Settings, args);
        Assert.True(exit == 0, $"'{string.Join(' ', args)}' exited with {exit}: {output} {error}");
        return output;
    }

    private static string Field(string output, string name) =>
        output.Split('\n').Select(l => l.Split('\t')).First(f => f[0] == name)[1].Trim();

    [Fact]
    public async Task AGroup_IsAdded_Listed_Renamed_ItsCodeRotated_AndArchived()
    {
        var added = await RunAsync("group", "add", "Collège Émile Maupas", "--academie", "Normandie", "--day", "mercredi", "--time", "16:00");
        Assert.Equal("college-emile-maupas", Field(added, "slug"));
        var code = Field(added, "code");
        Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", code);
        Assert.Equal($"https://p2p.example.fr/?groupe={code}", Field(added, "link"));

        var list = await RunAsync("group", "list");
        Assert.Contains($"college-emile-maupas\tCollège Émile Maupas\t{code}\tB\tmercredi 16:00\topen\t0\t0\t0\t0", list);
        Assert.Contains("peer-to-peer\tPeer to Peer\t", list); // the first group, there from the start

        var rotated = (await RunAsync("group", "code", "college-emile-maupas", "--rotate")).Split('\t')[0];
        Assert.NotEqual(code, rotated);
        Assert.Contains($"\t{rotated}\t", await RunAsync("group", "list"));
        Assert.DoesNotContain($"\t{code}\t", await RunAsync("group", "list"));

        await RunAsync("group", "rename", "college-emile-maupas", "Collège Maupas");
        await RunAsync("group", "archive", "college-emile-maupas");
        Assert.Contains("college-emile-maupas\tCollège Maupas\t", await RunAsync("group", "list"));
        Assert.Contains("\tarchived\t", await RunAsync("group", "list"));
    }

    [Fact]
    public async Task ThePoster_IsAnA4PngOfTheJoinLink()
    {
        var code = Field(await RunAsync("group", "add", "Lycée Curie"), "code");
        var file = Path.Combine(Path.GetDirectoryName(_database.Path)!, "poster.png");
        await RunAsync("group", "poster", "lycee-curie", "--out", file);
        var image = ImageResult.FromMemory(await File.ReadAllBytesAsync(file), ColorComponents.RedGreenBlue);
        Assert.Equal((1240, 1754), (image.Width, image.Height));
        Assert.Equal($"https://p2p.example.fr/?groupe={code}", QrImages.Decode(await File.ReadAllBytesAsync(file)));
    }

    [Fact]
    public async Task ACounsellorCarriedOverByTheUpgrade_IsListed_AndCanBeRemoved()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade", "before-groups.sqlite.db"), _database.Path);
        Assert.Contains("webchat:conseillere\tUpgrade", await RunAsync("group", "counsellors", "peer-to-peer"));
        Assert.Contains("1 counsellor(s) \"webchat:conseillere\" removed from peer-to-peer.",
            await RunAsync("group", "remove-counsellor", "peer-to-peer", "webchat:conseillere"));
        Assert.DoesNotContain("conseillere", await RunAsync("group", "counsellors", "peer-to-peer"));
        var (exit, _, error) = await BotCommand.RunAsync(Settings, "group", "remove-counsellor", "peer-to-peer", "webchat:conseillere");
        Assert.Equal((1, true), (exit, error.Contains("No counsellor")));
    }

    [Fact]
    public async Task BadArguments_GetAClearAnswer_AndChangeNothing()
    {
        foreach (var args in new[]
        {
            new[] { "group", "add", "X", "--zone", "D" }, ["group", "add", "X", "--day", "dimanchee"], ["group", "add", "X", "--academie", "Atlantis"],
            ["group", "rename", "nope", "Y"], ["group", "code", "nope"], ["counsellor", "invite", "--name", "Claire", "--group", "nope"],
        })
        {
            var (exit, _, error) = await BotCommand.RunAsync(Settings, args);
            Assert.NotEqual(0, exit);
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.DoesNotContain("Exception", error);
        }
        Assert.DoesNotContain("\tX\t", await RunAsync("group", "list"));
    }

    public void Dispose() => _database.Dispose();
}
