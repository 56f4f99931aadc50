using Bot.Dialogs.People;
using Bot.Dialogs.Store;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Runs one turn: finds the person and the conversation state, handles the global words (aide,
/// annuler), starts or continues a dialog, counts misunderstandings, and saves everything in one
/// SaveChanges. A failing turn ends in an apology and a clean state, never in an exception.
/// </summary>
public sealed partial class DialogEngine(BotDbContext db, IEnumerable<IDialog> dialogs, TimeProvider clock, ILogger<DialogEngine> logger)
{
    private static readonly HashSet<string> HelpWords = ["aide", "help", "?", "au secours", "aidez moi", "aide moi", "aide-moi", "menu", "j'ai besoin d'aide"];
    private static readonly HashSet<string> CancelWords = ["annuler", "annule", "annulez", "stop", "arrete", "arreter", "laisse tomber", "laisse tomber", "quitter", "/annuler", "/stop"];

    private readonly IReadOnlyList<IDialog> _dialogs = [.. dialogs];

    public async Task<TurnResult> RunAsync(IncomingMessage message, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ParisTime.Today(now);
        try
        {
            var person = await db.FindOrAddPersonAsync(message.From, now, ct);
            var record = await db.Conversations.FindAsync([message.From.Channel, message.ConversationId], ct);
            if (record is null)
            {
                record = new ConversationRecord { Channel = message.From.Channel, ConversationId = message.ConversationId, PersonId = person.Id };
                db.Conversations.Add(record);
            }
            var context = new TurnContext(message, person, ConversationState.FromJson(record.State), db, now, today);
            await RouteAsync(context, ct);

            record.State = context.State.ToJson();
            record.PersonId = person.Id;
            record.UpdatedAt = now;
            record.Version++;
            await db.SaveChangesAsync(ct);
            LogTurn(message.From.Channel, message.ConversationId, person.Id, context.State.Dialog);
            return new TurnResult(context.Replies);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogRace(message.From.Channel, message.ConversationId);
            db.ChangeTracker.Clear();
            return new TurnResult([new TextReply(EngineTexts.Raced)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCrash(ex, message.From.Channel, message.ConversationId);
            await ResetAsync(message, now);
            return new TurnResult([new TextReply(EngineTexts.Crashed)]);
        }
    }

    private async Task RouteAsync(TurnContext context, CancellationToken ct)
    {
        var message = context.Message;
        var active = _dialogs.FirstOrDefault(d => d.Name == context.State.Dialog);
        var folded = TextNormalizer.Fold(message.Text);

        if (message.Form is { } form)
        {
            var target = _dialogs.FirstOrDefault(d => d.Name == form.Id);
            if (target is null) { Fallback(context, EngineTexts.UnknownButton); return; }
            if (target != active) context.State = ConversationState.Empty with { Dialog = target.Name };
            await ContinueAsync(target, context, ct);
            return;
        }

        if (message.ChoiceId == EngineTexts.HelpChoiceId || HelpWords.Contains(folded)) { Help(active, context); return; }
        if (message.ChoiceId == EngineTexts.CancelChoiceId || CancelWords.Contains(folded)) { Cancel(active, context); return; }

        foreach (var dialog in _dialogs)
        {
            string? args = null;
            if (message.ChoiceId == dialog.StartChoiceId || (message.ChoiceId is null && dialog.TryStart(folded, active is not null, out args)))
            {
                context.State = ConversationState.Empty with { Dialog = dialog.Name };
                await ApplyAsync(dialog, context, dialog.BeginAsync(context, args, ct));
                return;
            }
        }

        if (active is not null) { await ContinueAsync(active, context, ct); return; }
        Fallback(context, message.ChoiceId is null ? EngineTexts.Fallback : EngineTexts.UnknownButton);
    }

    private Task ContinueAsync(IDialog dialog, TurnContext context, CancellationToken ct) =>
        ApplyAsync(dialog, context, dialog.ContinueAsync(context, ct));

    private static async Task ApplyAsync(IDialog dialog, TurnContext context, Task<StepOutcome> step)
    {
        var outcome = await step;
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
        if (active is null) { Menu(context, EngineTexts.GeneralHelp); return; }
        context.Say($"{active.Help(context)}\n\n{EngineTexts.HelpInDialog}");
        context.State = context.State with { Misses = 0 };
        active.Reprompt(context);
    }

    private void Cancel(IDialog? active, TurnContext context)
    {
        context.State = ConversationState.Empty;
        Menu(context, active is null ? EngineTexts.NothingToCancel : EngineTexts.Cancelled);
    }

    private void Fallback(TurnContext context, string text)
    {
        var active = _dialogs.FirstOrDefault(d => d.Name == context.State.Dialog);
        if (active is not null && text == EngineTexts.UnknownButton) { context.Say(text); active.Reprompt(context); return; }
        Menu(context, text);
    }

    private void Menu(TurnContext context, string text) =>
        context.Ask(text, [.. _dialogs.Select(d => new Choice(d.StartChoiceId, d.MenuLabel)), EngineTexts.HelpChoice]);

    /// <summary>After a failed turn: forget whatever the turn changed and clear the conversation's state.</summary>
    private async Task ResetAsync(IncomingMessage message, DateTimeOffset now)
    {
        try
        {
            db.ChangeTracker.Clear();
            var record = await db.Conversations.FindAsync([message.From.Channel, message.ConversationId], CancellationToken.None);
            if (record is null) return;
            record.State = ConversationState.Empty.ToJson();
            record.UpdatedAt = now;
            record.Version++;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogResetFailed(ex, message.From.Channel, message.ConversationId);
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn on {Channel} conversation {ConversationId} by person {PersonId}, dialog {Dialog}")]
    private partial void LogTurn(string channel, string conversationId, Guid personId, string? dialog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concurrent turns on {Channel} conversation {ConversationId}; the later one was refused")]
    private partial void LogRace(string channel, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {Channel} conversation {ConversationId}; its state was reset")]
    private partial void LogCrash(Exception exception, string channel, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reset the state of {Channel} conversation {ConversationId}")]
    private partial void LogResetFailed(Exception exception, string channel, string conversationId);
}
