using Bot.Channels.WebChat;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.MyData;

/// <summary>Erasure over the real web chat: the pupil's transcripts go too, other pupils keep theirs.</summary>
public class WebChatErasureTests
{
    [Fact]
    public async Task ErasingOverTheWebChat_RemovesThePupilsTranscripts_AndOnlyTheirs()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();

        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        await lea.SayAsync("/jai-partagé vendredi");
        var leaEarlier = new DirectLineClient(http, "lea");
        await leaEarlier.StartAsync();
        await leaEarlier.SayAsync("bonjour");
        var tom = new DirectLineClient(http, "tom");
        await tom.StartAsync();
        await tom.SayAsync("/jai-partagé vendredi");

        await lea.SayAsync("supprimer mes données");
        await lea.PollAsync();
        await lea.ClickAsync("mydata:confirm", "Oui, tout effacer");
        Assert.Equal(["C'est fait : j'ai effacé toutes tes données. Si tu m'écris de nouveau, ce sera comme une première fois."], await lea.BotSaysAsync());

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        // Léa's current conversation keeps only the confirmation: her own last message was erased with the rest.
        var leaActivities = await db.DirectLineActivities.Where(a => a.ConversationId == lea.ConversationId).Select(a => a.Json).ToListAsync();
        Assert.Equal(["C'est fait"], leaActivities.Select(j => j.Contains("C'est fait") ? "C'est fait" : j));
        Assert.False(await db.DirectLineConversations.AnyAsync(c => c.Id == leaEarlier.ConversationId));
        Assert.False(await db.ChannelIdentities.AnyAsync(i => i.ExternalId == "lea"));
        // Tom is untouched.
        Assert.True(await db.ChannelIdentities.AnyAsync(i => i.ExternalId == "tom"));
        Assert.True(await db.DirectLineActivities.CountAsync(a => a.ConversationId == tom.ConversationId) > 3);
    }
}
