using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Contributions;

/// <summary>What <c>/mes-séances</c> says to a pupil.</summary>
internal static class MySessionsTexts
{
    public const string Command = "Revoir, corriger ou supprimer tes séances du trimestre";
    public const string Help = "Tu revois tes séances du trimestre : choisis-en une pour la corriger ou la supprimer.";
    public const string NoTrimester = "Il n'y a pas de trimestre en cours, donc pas de séances à revoir pour l'instant.";
    public const string Which = "Laquelle veux-tu revoir, corriger ou supprimer ?";
    public const string WhichExample = "Choisis une séance avec son bouton, ou écris son numéro (par exemple « 1 ») ou sa date.";
    public const string WhatToDo = "Tu veux la corriger ou la supprimer ?";
    public const string WhatToDoExample = "Réponds « corriger », « supprimer » ou « retour ».";
    public const string DeleteExample = "Réponds « oui » pour la supprimer, ou « non » pour la garder.";
    public const string Kept = "D'accord, je la garde telle quelle 👍";
    public const string NothingThen = "D'accord ! Tape /mes-séances quand tu veux.";

    public static readonly Choice Nothing = new("mysessions:none", "Rien, merci");
    public static readonly Choice DeleteYes = new("mysessions:delete:yes", "Oui, supprimer");
    public static readonly Choice DeleteNo = new("mysessions:delete:no", "Non, la garder");
    public static readonly Choice LogOne = new("start:contribution", "Noter ma séance");

    public static Choice Show(Guid id, int number, DateOnly date) => new($"start:mysessions:show:{id:N}", $"{number} · {ParisTime.ShortDate(date)}");
    public static Choice Edit(Guid id) => new($"start:contribution:{ContributionDialog.EditArgument}{id:N}", "Corriger");
    public static Choice Delete(Guid id) => new($"start:mysessions:delete:{id:N}", "Supprimer");
    public static readonly Choice Back = new("start:mysessions", "Retour à la liste");

    public static string NoSessions(SchoolPeriod term) => $"Tu n'as noté aucune séance au {term.Name} pour l'instant.";

    /// <summary>Numbered from 1, as the buttons and as a number typed is read (older sessions are only counted).</summary>
    public static string List(SchoolPeriod term, IReadOnlyList<Contribution> sessions)
    {
        var text = $"Tes séances du **{term.Name}** :\n\n";
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            text += $"{i + 1}. **{ParisTime.LongDate(s.SessionDate)}** · {ContributionTexts.Domains[s.Domain]}, niveau {s.Level}\n";
        }
        return text.TrimEnd('\n');
    }

    public static string Older(int count) => count == 1 ? "(et 1 séance plus ancienne)" : $"(et {count} séances plus anciennes)";

    public static string Detail(Contribution s) =>
        $"Ta séance du **{ParisTime.LongDate(s.SessionDate)}** :\n\n" +
        $"- **Ce que tu as partagé :** {Markdown.Plain(s.Shared)}\n" +
        $"- **Ce que tu as appris :** {Markdown.Plain(s.Learned)}\n" +
        $"- **Domaine :** {ContributionTexts.Domains[s.Domain]}\n" +
        $"- **Ton niveau :** {ContributionTexts.LevelLabel(s.Level)}";

    public static string ConfirmDelete(DateOnly date) =>
        $"Tu veux vraiment supprimer ta séance du {ParisTime.LongDate(date)} ? Elle sera effacée pour de bon, même pour la conseillère.";

    public static string Deleted(DateOnly date) => $"C'est supprimé 🗑️ Ta séance du {ParisTime.LongDate(date)} n'existe plus.";
}
