using Bot.Dialogs.Understanding;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Every command: the dialogs' in the order of the menu, then the engine's own. Built once from the
/// registered dialogs (a singleton); Discord's registration, the Teams manifest, Teams' words typed
/// without "/" and the help texts are generated from it.
/// </summary>
public sealed class CommandCatalog
{
    /// <summary>The engine's own words that are commands too (DialogEngine's HelpWords hold "/aide").</summary>
    public static readonly IReadOnlyList<CommandDeclaration> EngineCommands =
    [
        new("aide", EngineTexts.HelpCommand, "help", "What the bot can do"),
    ];

    private readonly HashSet<string> _folded = [];

    public CommandCatalog(IEnumerable<IDialog> dialogs)
    {
        var all = new List<CommandDeclaration>();
        foreach (var dialog in dialogs)
        {
            // The engine checks the dialog's flag; a command that says otherwise would be shown to the wrong people.
            if (dialog.Commands.FirstOrDefault(c => c.CounsellorOnly != dialog.CounsellorOnly) is { } wrong)
                throw new InvalidOperationException(
                    $"The command /{wrong.Name} and its dialog {dialog.Name} disagree on whether it is for counsellors only.");
            all.AddRange(dialog.Commands);
        }
        all.AddRange(EngineCommands);
        foreach (var command in all)
        {
            if (!_folded.Add(TextNormalizer.Fold(command.Name)))
                throw new InvalidOperationException($"The command /{command.Name} is declared twice.");
        }
        All = all;
        var pupils = all.Where(c => !c.CounsellorOnly).ToList();
        var counsellors = all.Where(c => c.CounsellorOnly).Concat(EngineCommands).ToList();
        _pupilHelp = EngineTexts.GeneralHelp(pupils);
        _counsellorHelp = EngineTexts.CounsellorHelp(counsellors, pupils.Except(EngineCommands));
        CounsellorWelcome = EngineTexts.WelcomeCounsellor(counsellors);
    }

    public IReadOnlyList<CommandDeclaration> All { get; }

    public string CounsellorWelcome { get; }

    private readonly string _pupilHelp, _counsellorHelp;

    /// <summary>What "aide" lists, outside any dialog.</summary>
    public string Help(bool counsellor) => counsellor ? _counsellorHelp : _pupilHelp;

    /// <summary>Whether a word typed without "/" is a command's name (case, accents and all folded).</summary>
    public bool IsCommand(string word) => _folded.Contains(TextNormalizer.Fold(word));
}
