using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Dialogs.Engine;

namespace Bot.Tests.Channels.WebChat;

/// <summary>The mapper on activities that Microsoft's Web Chat 4.18 really posted (captured by tools/webchat-check).</summary>
public class ActivityMapperTests
{
    private static PostedActivity Fixture(string name) =>
        ActivityMapper.Parse(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "WebChat", "Fixtures", name))))!;

    [Fact]
    public void TypedText_BecomesAMessageWithItsClientActivityId()
    {
        var activity = Fixture("webchat-text.json");
        Assert.Equal("message", activity.Type);
        Assert.Equal("webchat-check", activity.FromId);
        Assert.Equal("/jai-partagé", activity.Text);
        Assert.Equal("nj5xfzpk4ql", activity.ClientActivityId);
        Assert.Null(activity.ChoiceId);
        Assert.Null(activity.Form);

        var incoming = ActivityMapper.ToIncoming(activity, "conv");
        Assert.Equal(new ChannelUser("webchat", "webchat-check", null), incoming.From);
    }

    [Fact]
    public void AClickedButton_CarriesTheChoiceIdWeSent()
    {
        var activity = Fixture("webchat-button.json");
        Assert.Equal("date:2026-11-20", activity.ChoiceId);
        Assert.Equal("Vendredi 20 novembre", activity.Text);
    }

    [Fact]
    public void ASubmittedCard_BecomesAFormWithItsFields()
    {
        var form = Fixture("webchat-card-submit.json").Form!;
        Assert.Equal("contribution", form.Id);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse", ["domain"] = "domain:Other", ["level"] = "level:2",
            },
            form.Values);
    }

    [Fact]
    public void AFormReply_BecomesAnAdaptiveCardWhoseRequiredInputsHaveAnErrorMessage()
    {
        var reply = new FormReply("contribution", "Ma séance", [new FormField("shared", "Ce que j'ai partagé", FieldKind.LongText, true, MaxLength: 1000)], "Valider");
        var card = ActivityMapper.ToActivity(reply, "c|1", "c", DateTimeOffset.UnixEpoch, null)["attachments"]![0]!["content"]!;
        var input = card["body"]![1]!;
        Assert.Equal("Input.Text", input["type"]!.GetValue<string>());
        Assert.True(input["isMultiline"]!.GetValue<bool>());
        Assert.Equal("« Ce que j'ai partagé » est à remplir.", input["errorMessage"]!.GetValue<string>());
        Assert.Equal("contribution", card["actions"]![0]!["data"]!["formId"]!.GetValue<string>());
    }

    [Fact]
    public void AProactiveReply_HasNoReplyToId()
    {
        var activity = ActivityMapper.ToActivity(new TextReply("Coucou"), "c|1", "c", DateTimeOffset.UnixEpoch, null);
        Assert.False(activity.ContainsKey("replyToId"));
        Assert.Equal("bot", activity["from"]!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"text\"")]
    [InlineData("{\"type\": 3}")]
    public void SomethingThatIsNotAnActivity_IsNull(string json) => Assert.Null(ActivityMapper.Parse(JsonNode.Parse(json)));
}
