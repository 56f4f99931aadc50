using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.WebChat;

/// <summary>Without a secret (one machine), the page's conversation survives a restart of the bot.</summary>
public class DirectLineRestartTests
{
    [Fact]
    public async Task ATokenFromBeforeARestart_StillOpensItsConversation_AndTheDraftGoesOn()
    {
        using var database = new TempDatabase();
        var lea = (DirectLineClient?)null;
        await using (var before = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday)))
        {
            using var http = before.CreateClient();
            lea = new DirectLineClient(http, "lea");
            await lea.StartAsync();
            await lea.SayAsync("/jai-partagé");
            await lea.SayAsync("vendredi");
        }
        // Tokens are protected with Data Protection keys kept in the database: nothing beside it.
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(database.Path)!, "webchat-token.key")));

        await using var after = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var again = after.CreateClient();
        var resumed = new DirectLineClient(again, "lea");
        resumed.Resume(lea.ConversationId, lea.Token);
        using var response = await resumed.PostAsync(DirectLineClient.Message("lea", "Un atelier vinyle"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await resumed.BotSaysAsync(), t => t.Contains("appris", StringComparison.Ordinal)); // the next question of the same session
    }
}
