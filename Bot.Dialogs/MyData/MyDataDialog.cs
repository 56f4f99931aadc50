using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using T = Bot.Dialogs.MyData.MyDataTexts;

namespace Bot.Dialogs.MyData;

public sealed record MyDataDraft(bool ConfirmingErasure);

/// <summary>
/// "mes données": everything kept about the pupil, in words and as a JSON file. "supprimer mes
/// données": after a confirmation, every row about them is erased. Always about the sender only.
/// </summary>
public sealed class MyDataDialog(PersonalData data) : IDialog
{
    public const string EraseArgument = "erase";
    private static readonly HashSet<string> ShowPhrases = ["mes donnees", "/mes-donnees", "/mesdonnees", "/donnees", "mes infos", "mes informations"];
    private static readonly HashSet<string> ErasePhrases =
    [
        "supprimer mes donnees", "supprime mes donnees", "effacer mes donnees", "efface mes donnees", "/supprimer-mes-donnees",
        "/effacer-mes-donnees", "supprimer mes infos", "effacer mes infos", "supprime tout", "efface tout", "oublie moi",
    ];

    public string Name => "mydata";
    public string StartChoiceId => "start:mydata";
    public string MenuLabel => T.MenuLabel;

    private static readonly CommandDeclaration[] Declared = [new("mes-donnees", T.Command, "my-data", "See or erase what the bot keeps about you")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = ErasePhrases.Contains(folded) ? EraseArgument : null;
        return args is not null || ShowPhrases.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        if (args == EraseArgument)
        {
            var channels = await context.Db.ChannelIdentities.Where(i => i.PersonId == context.Person.Id).Select(i => i.Channel).ToListAsync(ct);
            if (channels.Count > 1) context.Say(T.EveryChannel(channels.Order(StringComparer.Ordinal)));
            context.Keep(new MyDataDraft(true), MyDataDraftJson.Default.MyDataDraft);
            Reprompt(context);
            return StepOutcome.Understood;
        }
        var record = await data.LoadAsync(context.Db, context.Person, ct);
        context.Say(T.Summary(record));
        context.Add(new FileReply(T.FileName, "application/json", PersonalData.ToJsonFile(record)));
        context.Ask(T.Why, T.EraseChoice);
        return StepOutcome.Done;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        var answer = context.Message.ChoiceId == T.Confirm.Id ? YesNoAnswer.Yes
            : context.Message.ChoiceId == T.Keep.Id ? YesNoAnswer.No
            : YesNo.Read(context.Message.Text);
        switch (answer)
        {
            case YesNoAnswer.Yes:
                await data.EraseAsync(context.Db, context.Person, context.Message.ConversationId, ct);
                context.MarkPersonErased();
                context.Say(T.Erased);
                return StepOutcome.Done;
            case YesNoAnswer.No:
                context.Say(T.Kept);
                return StepOutcome.Done;
            default:
                return StepOutcome.NotUnderstood(T.ConfirmExample);
        }
    }

    public void Reprompt(TurnContext context) => context.Ask(T.ConfirmQuestion, T.Confirm, T.Keep);

    public string Help(TurnContext context) => T.Help;
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(MyDataDraft))]
internal sealed partial class MyDataDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
