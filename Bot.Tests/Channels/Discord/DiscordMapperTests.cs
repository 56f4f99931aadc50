using System.Text.Json.Nodes;
using Bot.Channels.Discord;
using Bot.Dialogs.Engine;

namespace Bot.Tests.Channels.Discord;

/// <summary>The mapper on interaction payloads shaped like Discord's documented ones.</summary>
public class DiscordMapperTests
{
    private static Interaction Fixture(string name) =>
        DiscordMapper.Parse(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Discord", "Fixtures", name))))!;

    [Fact]
    public void ASlashCommandInAServer_IsTheCommandText_FromTheMember()
    {
        var i = Fixture("command-guild.json");
        Assert.Equal(DiscordMapper.Command, i.Type);
        Assert.Equal(["1290000000000000500"], i.RoleIds);
        var message = DiscordMapper.ToIncoming(i);
        Assert.Equal(new ChannelUser("discord", "80351110224678912", "Léa"), message.From);
        Assert.Equal("/jai-partagé", message.Text);
        Assert.True(message.PrefersForms);
        Assert.Equal("1290000000000000100:80351110224678912", message.ConversationId);
    }

    [Fact]
    public void ASlashCommandInADm_WithAnOption_CarriesItsValue()
    {
        var message = DiscordMapper.ToIncoming(Fixture("command-dm-with-option.json"));
        Assert.Equal("/qr https://openbadgepassport.com/app/badge/info/12345", message.Text);
        Assert.Equal("80351110224678912", message.From.Id);
    }

    [Fact]
    public void AModalSubmit_InTheCurrentLabelShape_IsAForm()
    {
        var form = DiscordMapper.ToIncoming(Fixture("modal-submit-label.json")).Form!;
        Assert.Equal("contribution", form.Id);
        Assert.Equal("vendredi 27 novembre 2026", form.Values["date"]);
        Assert.Equal("domain:DigitalSkills", form.Values["domain"]);
        Assert.Equal("level:3", form.Values["level"]);
        Assert.Equal("Léa M.", DiscordMapper.ToIncoming(Fixture("modal-submit-label.json")).From.DisplayName); // the server nickname first
    }

    [Fact]
    public void TheAnswerModal_InTheOlderActionRowShape_IsTypedText()
    {
        var message = DiscordMapper.ToIncoming(Fixture("modal-submit-action-row.json"));
        Assert.Equal("J'ai montré la badgeuse", message.Text);
        Assert.Null(message.Form);
    }

    [Fact]
    public void AButtonClick_CarriesItsIdAndItsLabel()
    {
        var message = DiscordMapper.ToIncoming(Fixture("button-guild.json"));
        Assert.Equal("recap:yes", message.ChoiceId);
        Assert.Equal("Oui, j'enregistre", message.Text);
    }

    [Fact]
    public void AnInteraction_SaysWhereItWasWritten_ChannelThenServer_ForTheGroupsMappedThere()
    {
        Assert.Equal(["discord:channel:1290000000000000100", "discord:guild:1290000000000000000"],
            DiscordMapper.ToIncoming(Fixture("button-guild.json")).Places!);
        Assert.Equal(["discord:channel:1290000000000000200"], DiscordMapper.ToIncoming(Fixture("command-dm-with-option.json")).Places!);
    }

    [Fact]
    public void ChoicesBecomeButtons_InRowsOfFive_AndTheAnswerIsPrivate()
    {
        var response = DiscordMapper.ToResponse(new TurnResult([new ChoicesReply("Ton niveau ?", [.. Enumerable.Range(1, 7).Select(n => new Choice($"level:{n}", $"Niveau {n}"))])]), true);
        Assert.Equal(DiscordMapper.Message, response["type"]!.GetValue<int>());
        var data = response["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        var rows = data["components"]!.AsArray();
        Assert.Equal([5, 2], rows.Select(r => r!["components"]!.AsArray().Count));
        Assert.Equal("level:6", rows[1]!["components"]![0]!["custom_id"]!.GetValue<string>());
    }

    [Fact]
    public void AFreeTextQuestion_GetsARepondreButton_ThatOpensAOneFieldModal()
    {
        var response = DiscordMapper.ToResponse(new TurnResult([new TextReply("Qu'est-ce que tu as partagé ?")], ExpectsAnswer: true), true);
        Assert.Null(DiscordMapper.ToResponse(new TurnResult([new TextReply("C'est enregistré.")]), true)["data"]!["components"]); // nothing to answer
        Assert.Equal("answer", response["data"]!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        var modal = DiscordMapper.AnswerModal();
        Assert.Equal(DiscordMapper.Modal, modal["type"]!.GetValue<int>());
        Assert.Equal(18, modal["data"]!["components"]![0]!["type"]!.GetValue<int>());
    }

    [Fact]
    public void AFormBecomesAModal_WithTheDateInFrench_AndSelectsForChoices()
    {
        var form = new FormReply("contribution", "Ma séance Peer to Peer",
        [
            new FormField("date", "Date de la séance", FieldKind.Date, true, "2026-11-27"),
            new FormField("domain", "Domaine", FieldKind.Choice, true, null, [new Choice("domain:Other", "Autre")]),
        ], "Valider");
        var modal = DiscordMapper.ToResponse(new TurnResult([form]), canOpenModal: true)["data"]!;
        Assert.Equal("contribution", modal["custom_id"]!.GetValue<string>());
        Assert.Equal("vendredi 27 novembre 2026", modal["components"]![0]!["component"]!["value"]!.GetValue<string>());
        Assert.Equal(3, modal["components"]![1]!["component"]!["type"]!.GetValue<int>());
    }
}
