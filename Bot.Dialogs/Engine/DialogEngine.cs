using Bot.Dialogs.Help;
using Bot.Dialogs.People;
using Bot.Dialogs.Store;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Runs one turn: finds the person and the conversation state, welcomes newcomers, handles the
/// global words (aide, annuler), starts or continues a dialog, answers free questions, counts
/// misunderstandings. It changes tracked entities and commits nothing (a merge of two people flushes
/// them, inside the turn's transaction): the turn runner commits the turn once, with what the channel
/// and the outbox add. A failing turn ends in an apology
/// (<see cref="TurnResult.Failed"/>), never in an exception.
/// </summary>
public sealed partial class DialogEngine(
    BotDbContext db, IEnumerable<IDialog> dialogs, CommandCatalog commands, IntentClassifier classifier, HelpDesk helpDesk, TimeProvider clock,
    Groups.GroupPlacement groups, ILogger<DialogEngine> logger)
{
    private static readonly HashSet<string> HelpWords = ["aide", "help", "?", "au secours", "aidez moi", "aide moi", "aide-moi", "menu", "/aide", "/menu", "j'ai besoin d'aide"];
    private static readonly HashSet<string> CancelWords = ["annuler", "annule", "annulez", "stop", "arrete", "arreter", "laisse tomber", "quitter", "/annuler", "/stop"];
    private static readonly HashSet<string> Greetings = ["bonjour", "salut", "coucou", "hello", "yo", "wesh", "slt", "bjr", "hey", "cc", "bonsoir", "hi", "re"];

    private readonly IReadOnlyList<IDialog> _dialogs = [.. dialogs];

    /// <summary>What a turn answers when it kept losing a race with another write (the runner gave up retrying).</summary>
    public static TurnResult Conflict { get; } = new([new TextReply(EngineTexts.Raced)]);

    /// <summary>What a turn answers when it broke outside the engine (the store failed): the same apology.</summary>
    public static TurnResult Failure { get; } = new([new TextReply(EngineTexts.Crashed)], Failed: true);

    public async Task<TurnResult> RunAsync(IncomingMessage message, CancellationToken ct = default)
    {
        // What people send may hold anything: control characters, code points no text may hold.
        message = message with
        {
            Text = TextNormalizer.Sanitize(message.Text),
            Form = message.Form is { } form ? form with { Values = form.Values.ToDictionary(v => v.Key, v => TextNormalizer.Sanitize(v.Value) ?? "") } : null,
        };
        var now = clock.GetUtcNow();
        var today = ParisTime.Today(now);
        try
        {
            var person = await db.FindOrAddPersonAsync(message.From, message.IsCounsellor, now, ct);
            var firstContact = db.Entry(person).State == EntityState.Added;
            var record = await db.Conversations.FindAsync([message.From.Channel, message.ConversationId], ct);
            // Known but never spoken with (put in a group from a Teams team's channel): still welcomed, once.
            if (!firstContact && record is null) firstContact = !await db.Conversations.AnyAsync(c => c.PersonId == person.Id, ct);
            if (record is null)
            {
                record = new ConversationRecord { Channel = message.From.Channel, ConversationId = message.ConversationId, PersonId = person.Id };
                db.Conversations.Add(record);
            }
            var context = new TurnContext(message, person, ConversationState.FromJson(record.State), db, now, today) { IsFirstContact = firstContact };
            await groups.PlaceAsync(context, ct);
            await RouteAsync(context, ct);

            if (context.PersonErased)
            {
                // Everything about the person is gone, this conversation's state included: save nothing back.
                db.ChangeTracker.Clear();
                LogErased(message.From.Channel, message.ConversationId);
                return new TurnResult(context.Replies);
            }
            record.State = context.State.ToJson();
            record.PersonId = context.Person.Id;
            record.UpdatedAt = now;
            record.Version++;
            LogTurn(message.From.Channel, message.ConversationId, context.Person.Id, context.State.Dialog);
            return new TurnResult(context.Replies, ExpectsAnswer: context.State.Dialog is not null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCrash(ex, message.From.Channel, message.ConversationId);
            return new TurnResult([new TextReply(EngineTexts.Crashed)], Failed: true);
        }
    }

    /// <summary>After a failed turn, once the runner rolled it back: the conversation starts afresh (saved by the runner).</summary>
    public async Task ResetAsync(IncomingMessage message, CancellationToken ct)
    {
        var record = await db.Conversations.FindAsync([message.From.Channel, message.ConversationId], ct);
        if (record is null) return;
        record.State = ConversationState.Empty.ToJson();
        record.UpdatedAt = clock.GetUtcNow();
        record.Version++;
    }

    private async Task RouteAsync(TurnContext context, CancellationToken ct)
    {
        var message = context.Message;
        var active = _dialogs.FirstOrDefault(d => d.Name == context.State.Dialog);
        var folded = TextNormalizer.Fold(message.Text);
        if (context.IsFirstContact && message.IsCounsellor) context.Say(commands.CounsellorWelcome);
        else if (context.IsFirstContact) { context.Say(EngineTexts.Welcome); context.Say(EngineTexts.WelcomePrivacy); }
        if (active is { CounsellorOnly: true } && !message.IsCounsellor)
        {
            // A conversation's state never outlives the rights of who speaks in it.
            context.State = ConversationState.Empty;
            active = null;
        }

        if (message.Form is { } form)
        {
            var target = _dialogs.FirstOrDefault(d => d.Name == form.Id);
            if (target is null) { Fallback(active, context, EngineTexts.UnknownButton); return; }
            if (target.CounsellorOnly && !message.IsCounsellor) { LogRefused(message.From.Channel, target.Name); context.Say(EngineTexts.CounsellorOnly); return; }
            // A form sent without its dialog's questions (an old card, a forged post) waits behind the code like a command.
            if (NeedsCode(target, context)) { await StartAsync(target, context, null, ct); return; }
            if (target != active) context.State = ConversationState.Empty with { Dialog = target.Name };
            await ContinueAsync(target, context, ct);
            return;
        }

        if (message.ChoiceId == EngineTexts.HelpChoiceId || HelpWords.Contains(folded)) { Help(active, context); return; }
        if (message.ChoiceId == EngineTexts.CancelChoiceId || CancelWords.Contains(folded)) { Cancel(active, context); return; }
        if (message.ChoiceId is { } choice && choice.StartsWith("help:", StringComparison.Ordinal))
        {
            var intent = choice[5..];
            if (helpDesk.Knows(intent)) await helpDesk.AnswerAsync(context, intent, ct); else helpDesk.Topics(context, HelpTexts.TopicsIntro);
            active?.Reprompt(context);
            return;
        }

        foreach (var dialog in _dialogs)
        {
            string? args = null;
            // A button "start:<dialog>" starts it; "start:<dialog>:<args>" starts it with arguments.
            if (message.ChoiceId is { } id && id.StartsWith(dialog.StartChoiceId + ":", StringComparison.Ordinal)) args = id[(dialog.StartChoiceId.Length + 1)..];
            if (message.ChoiceId == dialog.StartChoiceId || args is not null || (message.ChoiceId is null && dialog.TryStart(folded, active is not null, out args)))
            {
                if (dialog.CounsellorOnly && !message.IsCounsellor) { LogRefused(message.From.Channel, dialog.Name); context.Say(EngineTexts.CounsellorOnly); return; }
                await StartAsync(dialog, context, args, ct);
                return;
            }
        }

        if (active is not null) { await ContinueAsync(active, context, ct); return; }
        if (message.ChoiceId is not null) { Fallback(null, context, EngineTexts.UnknownButton); return; }
        // A first message that says something (a question…) gets its answer after the welcome; a hello, the menu.
        if (Greetings.Contains(folded) || (context.IsFirstContact && folded.Length == 0)) { Menu(context, EngineTexts.WhatCanIDo); return; }

        // Nothing going on: a free question, answered directly or by the dialog it asks for.
        if (classifier.Classify(message.Text) is { } match)
        {
            LogIntent(match.Intent, match.Score);
            if (_dialogs.FirstOrDefault(d => d.Name == match.Intent) is { } asked) { await StartAsync(asked, context, null, ct); return; }
            if (helpDesk.Knows(match.Intent)) { await helpDesk.AnswerAsync(context, match.Intent, ct); return; }
        }
        await helpDesk.UnknownAsync(context, ct);
    }

    private Task StartAsync(IDialog dialog, TurnContext context, string? args, CancellationToken ct)
    {
        if (NeedsCode(dialog, context) && _dialogs.FirstOrDefault(d => d.Name == Groups.JoinDialog.DialogName) is { } join)
        {
            // What they asked for waits behind the code: a button takes them back to it.
            var then = args is null ? dialog.StartChoiceId : $"{dialog.StartChoiceId}:{args}";
            (dialog, args) = (join, "then:" + then);
        }
        context.State = ConversationState.Empty with { Dialog = dialog.Name };
        return ApplyAsync(dialog, context, dialog.BeginAsync(context, args, ct));
    }

    private static bool NeedsCode(IDialog dialog, TurnContext context) =>
        dialog.NeedsGroup && !context.Message.IsCounsellor && context.Person.GroupId is null;

    private static Task ContinueAsync(IDialog dialog, TurnContext context, CancellationToken ct) =>
        ApplyAsync(dialog, context, dialog.ContinueAsync(context, ct));

    private static async Task ApplyAsync(IDialog dialog, TurnContext context, Task<StepOutcome> step)
    {
        var outcome = await step;
        if (outcome is StepOutcome.DoneOutcome)
        {
            context.State = ConversationState.Empty;
            return;
        }
        if (outcome is not StepOutcome.NotUnderstoodOutcome missed)
        {
            if (context.State.Misses != 0) context.State = context.State with { Misses = 0 };
            return;
        }
        var misses = context.State.Misses + 1;
        context.State = context.State with { Misses = misses };
        context.Say(misses >= 2
            ? $"{EngineTexts.NotUnderstood} {missed.Example}\n\n{EngineTexts.OfferHelp}"
            : $"{EngineTexts.NotUnderstood} {missed.Example}");
        dialog.Reprompt(context);
        if (misses >= 2) context.AppendChoices(EngineTexts.HelpChoice, EngineTexts.CancelChoice);
    }

    private void Help(IDialog? active, TurnContext context)
    {
        context.Say(EngineTexts.HelpTitle);
        if (active is null) { Menu(context, commands.Help(context.Message.IsCounsellor)); return; }
        context.Say($"{active.Help(context)}\n\n{EngineTexts.HelpInDialog}");
        context.State = context.State with { Misses = 0 };
        active.Reprompt(context);
    }

    private void Cancel(IDialog? active, TurnContext context)
    {
        context.State = ConversationState.Empty;
        Menu(context, active is null ? EngineTexts.NothingToCancel : EngineTexts.Cancelled);
    }

    private void Fallback(IDialog? active, TurnContext context, string text)
    {
        if (active is not null) { context.Say(text); active.Reprompt(context); return; }
        Menu(context, text);
    }

    private void Menu(TurnContext context, string text) =>
        context.Ask(text, [.. _dialogs.Where(d => d.MenuLabel.Length > 0 && (!d.CounsellorOnly || context.Message.IsCounsellor)).OrderByDescending(d => d.CounsellorOnly)
            .Select(d => new Choice(d.StartChoiceId, d.MenuLabel)), new Choice(HelpTexts.TopicsChoiceId, HelpTexts.TopicsLabel)]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn on {Channel} conversation {ConversationId} by person {PersonId}, dialog {Dialog}")]
    private partial void LogTurn(string channel, string conversationId, Guid personId, string? dialog);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Free question routed to {Intent} (score {Score:F2})")]
    private partial void LogIntent(string intent, double score);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A non-counsellor on {Channel} tried the counsellor dialog {Dialog}; refused")]
    private partial void LogRefused(string channel, string dialog);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data erased at the request of the person on {Channel} conversation {ConversationId}")]
    private partial void LogErased(string channel, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} conversation {ConversationId}; it is rolled back and its state reset")]
    private partial void LogCrash(Exception exception, string channel, string conversationId);
}
