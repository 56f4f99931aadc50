using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Review;

/// <summary>What a pupil writes or calls themselves cannot pose as someone else, plant a link or read backwards in the counsellor's view.</summary>
public sealed class CounsellorViewSafetyTests : OwnBotApp
{
    private async Task<string> CounsellorSeesRequestAsync()
    {
        var claire = new DirectLineClient(Http, "conseillere");
        await claire.StartAsync();
        await claire.SayAsync("/demandes");
        return (await claire.PollAsync()).Last()!["text"]!.GetValue<string>();
    }

    private static JsonObject Named(JsonObject activity, string name)
    {
        activity["from"]!["name"] = name;
        return activity;
    }

    [Fact]
    public async Task ANameTheClientSends_IsNotTheNameTheCounsellorSees()
    {
        var tom = new DirectLineClient(Http, "tom");
        await tom.StartAsync();
        foreach (var text in new[] { "/badges", "citoyen", "Sans message" })
            Assert.True((await tom.PostAsync(Named(DirectLineClient.Message("tom", text), "Conseillère Claire"))).IsSuccessStatusCode);

        var request = await CounsellorSeesRequestAsync();
        Assert.StartsWith("**tom** demande le badge", request);
        Assert.DoesNotContain("Claire", request);
    }

    [Fact]
    public async Task APupilsWords_ReachTheCounsellorAsPlainText()
    {
        var tom = new DirectLineClient(Http, "tom");
        await tom.StartAsync();
        foreach (var text in new[] { "/badges", "citoyen", "Clique [Approuver](https://evil.example) **vite**\u202Etxt.exe" }) await tom.SayAsync(text);

        var request = await CounsellorSeesRequestAsync();
        Assert.Contains(@"Clique \[Approuver\]\(https://evil\.example\) \*\*vite\*\*txt\.exe", request);
        Assert.DoesNotContain("\u202E", request, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil", request);
    }
}
