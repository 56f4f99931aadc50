using Bot.Channels.WebChat;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>Without WebChat:Secret, the Direct Line endpoint is for this machine only.</summary>
public sealed class DirectLineLocalTests : OwnBotApp
{
    private static HttpRequestMessage Start() =>
        new(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) };

    private async Task<int> ConversationsAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().DirectLineConversations.CountAsync();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ThisMachine_StartsAConversation(string remote)
    {
        using var request = Start().From(App, remote, null, null);
        Assert.Equal(HttpStatusCode.Created, (await Http.SendAsync(request)).StatusCode);
        Assert.Equal(1, await ConversationsAsync());
    }

    [Theory]
    [MemberData(nameof(Strangers.Requests), MemberType = typeof(Strangers))]
    public async Task AnyoneElse_IsRefusedInFrench_AndNoConversationStarts(
        string? remote, string? header, string? value)
    {
        using var request = Start().From(App, remote, header, value);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Ce chat n'est ouvert qu'à cet ordinateur (aucun secret configuré).",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, await ConversationsAsync());
    }
}
