using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Store;

public class RestartTests
{
    [Fact]
    public async Task ASavedContribution_AndTheConversation_SurviveARestartOnTheSameFile()
    {
        using var database = new TempDatabase();
        string conversationId;
        await using (var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday)))
        {
            using var http = app.CreateClient();
            var client = new DirectLineClient(http);
            await client.StartAsync();
            conversationId = client.ConversationId;
            await client.SayAsync("/jai-partagé vendredi");
            await client.SayAsync("Un atelier badgeuse");
            await client.SayAsync("Le vinyle");
            await client.SayAsync("numérique");
            await client.SayAsync("2");
            await client.SayAsync("oui");
        }
        Assert.True(File.Exists(database.Path));

        await using (var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday)))
        {
            using (var scope = app.Services.CreateScope())
            {
                var saved = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync();
                Assert.Equal("Un atelier badgeuse", saved.Shared);
                Assert.Equal(new DateOnly(2026, 11, 27), saved.SessionDate);
            }
            // The transcript is still there for the page to show again.
            using var http = app.CreateClient();
            var activities = await http.GetStringAsync($"/v3/directline/conversations/{conversationId}/activities");
            Assert.Contains("C'est enregistré", activities);
        }
    }
}
