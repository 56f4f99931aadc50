using Bot.Channels.Teams;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Teams;

/// <summary>Teams users type commands without "/" (Teams' own command list inserts the bare name).</summary>
public class TeamsMapperTests
{
    [Fact]
    public void EveryDeclaredCommand_TypedWithoutSlash_IsTheCommand()
    {
        foreach (var declared in TestCommands.Catalog.All)
        {
            var typed = declared.Argument is null ? declared.Name : declared.Name + " Léa";
            Assert.Equal("/" + typed, TeamsMapper.Clean(typed, TestCommands.Catalog));
            Assert.Equal("/" + typed, TeamsMapper.Clean("<at>Peer to Peer</at> " + typed, TestCommands.Catalog));
        }
    }

    [Fact]
    public void AMessageInATeam_SaysWhichTeam_ForTheGroupMappedToIt()
    {
        var activity = new Microsoft.Bot.Schema.Activity
        {
            Type = "message", Text = "bonjour", From = new() { Id = "29:lea", AadObjectId = "aad-lea" },
            Conversation = new() { Id = "19:channel@thread.tacv2", ConversationType = "channel" },
            ChannelData = Newtonsoft.Json.Linq.JObject.Parse("""{ "team": { "id": "19:team-lycee@thread.tacv2" }, "tenant": { "id": "t" } }"""),
        };
        Assert.Equal(["teams:team:19:team-lycee@thread.tacv2"], TeamsMapper.ToIncoming(activity, TestCommands.Catalog)!.Places!);
        activity.ChannelData = Newtonsoft.Json.Linq.JObject.Parse("""{ "tenant": { "id": "t" } }"""); // a personal chat: no team
        Assert.Null(TeamsMapper.ToIncoming(activity, TestCommands.Catalog)!.Places);
    }

    [Theory]
    [InlineData("Jai-Partage", "/Jai-Partage")]
    [InlineData("BILAN", "/BILAN")]
    [InlineData("mes données", "mes données")]
    [InlineData("bonjour", "bonjour")]
    [InlineData("ma séance", "ma séance")]
    public void OnlyACommandsName_FirstWord_GetsTheSlash(string typed, string cleaned) =>
        Assert.Equal(cleaned, TeamsMapper.Clean(typed, TestCommands.Catalog));
}
