using Bot.Dialogs.Calendar;

namespace Bot.Dialogs.Reminders;

internal static class ReminderTexts
{
    public const string FridayReminder =
        "Coucou ! 👋 C'était Peer to Peer aujourd'hui : prends une minute pour noter ce que tu as partagé et appris. (Écris « stop rappels » si tu ne veux plus de ce message.)";
    public const string RemindersOff = "C'est noté : je ne t'enverrai plus de rappel le vendredi. Écris « rappels » si tu changes d'avis.";
    public const string RemindersOn = "C'est reparti : je te rappellerai de noter ta séance le vendredi. Écris « stop rappels » pour arrêter.";

    public static string Digest(int pending) =>
        pending == 1 ? "Bonjour ! Une demande de badge attend votre décision." : $"Bonjour ! {pending} demandes de badge attendent votre décision.";

    public static string Unreached(IEnumerable<string> pupils) =>
        $"Je n'ai pas pu prévenir de votre décision : {string.Join(", ", pupils)} (le bot ne peut pas leur écrire). Dites-le-leur de vive voix.";

    public static string Nudge(SchoolPeriod term, int daysLeft, DayOfWeek sessionDay) =>
        (daysLeft <= 0 ? $"Dernier {Engine.ParisTime.French.DateTimeFormat.GetDayName(sessionDay)} du {term.Name} : c'est le moment du bilan."
            : $"Le {term.Name} se termine dans {daysLeft} jours ({Engine.ParisTime.LongDate(term.Last)}).") +
        " Voici où en est le trimestre ; /suivi pour le revoir, /eleve suivi d'un nom pour un élève, /demandes pour décider des badges :";
}
