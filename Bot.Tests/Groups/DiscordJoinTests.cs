using Bot.Dialogs.Groups;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>A Discord server mapped to a group (Groups:…:Places): its members are in that group from their first command, no code asked.</summary>
public sealed class DiscordJoinTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly NSec.Cryptography.Key _key = DiscordClient.NewKey();

    [Fact]
    public async Task APupilOnTheMappedServer_IsInItsGroup_AndLogsASessionWithoutACode()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), settings: DiscordClient.Settings(_key, null,
            ("Groups:0:Slug", "lycee-curie"), ("Groups:0:Name", "Lycée Curie"), ("Groups:0:Places:0", $"discord:guild:{DiscordClient.Guild}")));
        using var http = app.CreateClient();
        var lea = new DiscordClient(http, _key);

        var answer = await lea.CommandAsync("jai-partagé");
        Assert.DoesNotContain("code de ton groupe", answer.ToJsonString());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal(2, await db.Groups.CountAsync());
        var lycee = await db.Groups.SingleAsync(g => g.Slug == "lycee-curie");
        Assert.Equal(lycee.Id, await db.People.Select(p => p.GroupId).SingleAsync());
    }

    public void Dispose()
    {
        _key.Dispose();
        _database.Dispose();
    }
}
