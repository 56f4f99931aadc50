using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>A Teams team mapped to a group (Groups:…:Places "teams:team:&lt;id&gt;"): a pupil who writes in one of its channels is in that group.</summary>
public sealed class TeamsJoinTests : IAsyncLifetime
{
    private const string Team = "19:team-lycee@thread.tacv2";
    private TeamsApp _teams = null!;

    public async Task InitializeAsync() => _teams = await TeamsApp.StartAsync(new Dictionary<string, string>
    {
        ["Groups:0:Slug"] = "lycee-curie", ["Groups:0:Name"] = "Lycée Curie", ["Groups:0:Places:0"] = $"teams:team:{Team}",
    });

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task APupilWhoWroteInTheMappedTeam_IsInItsGroup_InTheirPrivateChat_AndStillWelcomed()
    {
        var inTeam = _teams.Client("aad-tom", "Tom", "19:general@thread.tacv2");
        var activity = inTeam.Activity("<at>Peer to Peer</at> bonjour");
        activity["conversation"]!["conversationType"] = "channel";
        activity["channelData"] = new JsonObject { ["team"] = new JsonObject { ["id"] = Team }, ["tenant"] = new JsonObject { ["id"] = "t" } };
        Assert.True((await inTeam.PostAsync(activity)).IsSuccessStatusCode);

        await using (var scope = _teams.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var lycee = await db.Groups.SingleAsync(g => g.Slug == "lycee-curie");
            Assert.Equal(lycee.Id, await db.People.Select(p => p.GroupId).SingleAsync());
        }

        var tom = _teams.Client("aad-tom", "Tom", "a:tom-personal");
        await tom.SayAsync("/jai-partagé");
        var texts = tom.Replies.Select(r => r.ToJsonString()).ToList();
        Assert.Contains(texts, t => t.Contains("assistant Peer to Peer")); // welcomed on the first private message
        Assert.DoesNotContain(texts, t => t.Contains("code de ton groupe"));
    }
}
