using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Reminders;

/// <summary>"stop rappels" / "rappels": a pupil turns the Friday reminder off or on. One turn, no question.</summary>
public sealed class RemindersDialog : IDialog
{
    private static readonly HashSet<string> Off = ["stop rappels", "stop rappel", "plus de rappels", "pas de rappels", "arrete les rappels", "/stop-rappels"];
    private static readonly HashSet<string> On = ["rappels", "rappel", "remets les rappels", "/rappels"];

    public string Name => "reminders";
    public string StartChoiceId => "start:reminders";
    public string MenuLabel => "";

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = Off.Contains(folded) ? "off" : On.Contains(folded) ? "on" : null;
        return args is not null;
    }

    public Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        context.Person.RemindersOff = args == "off";
        context.Say(args == "off" ? ReminderTexts.RemindersOff : ReminderTexts.RemindersOn);
        return Task.FromResult(StepOutcome.Done);
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Understood);
    public void Reprompt(TurnContext context) { }
    public string Help(TurnContext context) => "";
}
