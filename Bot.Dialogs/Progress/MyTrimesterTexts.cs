using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Progress;

/// <summary>What <c>/mon-trimestre</c> says to a pupil: their trimester in a few lines.</summary>
internal static class MyTrimesterTexts
{
    public const string Command = "Ton trimestre en quelques lignes (séances, niveaux, badges)";
    public const string Help = "Tape /mon-trimestre pour voir où tu en es ce trimestre.";
    public const string NoTrimester = "Il n'y a pas de trimestre en cours : rien à résumer pour l'instant.";

    public static readonly Choice MySessions = new("start:mysessions", "Mes séances");
    public static readonly Choice BadgesChoice = new("start:badges", "Les badges");
    public static readonly Choice LogOne = new("start:contribution", "Noter ma séance");

    public static string Summary(SchoolPeriod term, IReadOnlyList<Contribution> sessions, bool selfAssessed,
        IReadOnlyList<(string Badge, BadgeRequestStatus Status)> requests)
    {
        var text = $"**Ton {term.Name}** ({term.Span})\n\n";
        if (sessions.Count == 0) text += "- aucune séance notée pour l'instant\n";
        else
        {
            text += $"- {Plural(sessions.Count, "séance notée", "séances notées")} : {string.Join(", ", sessions.Select(s => Short(s.SessionDate)))}\n";
            text += $"- domaines : {string.Join(", ", sessions.GroupBy(s => s.Domain).OrderByDescending(g => g.Count())
                .Select(g => $"{ContributionTexts.Domains[g.Key]} ×{g.Count()}"))}\n";
            text += $"- ton niveau : {string.Join(" → ", sessions.Select(s => s.Level))}{Trend(sessions)}\n";
        }
        text += selfAssessed ? "- bilan du trimestre : fait ✅\n" : "- bilan du trimestre : pas encore fait (tape /bilan)\n";
        text += requests.Count == 0
            ? "- aucune demande de badge ce trimestre"
            : $"- badges demandés : {string.Join(" ; ", requests.Select(r => $"{r.Badge} ({Status(r.Status)})"))}";
        return text;
    }

    /// <summary>One line per badge with requirements: what is met, what is missing.</summary>
    public static string Badges(IReadOnlyList<(string Name, BadgeProgress Progress)> badges) =>
        badges.Count == 0 ? "" : "\n\n**Vers les badges :**\n" + string.Join("\n", badges.Select(b =>
            $"- {b.Name} : {string.Join(" ; ", b.Progress.Checks.Select(c => c.Line))}{(b.Progress.AllMet ? " → tu peux le demander 🎉" : "")}"));

    private static string Trend(IReadOnlyList<Contribution> sessions) =>
        sessions.Count < 2 ? "" : sessions[^1].Level > sessions[0].Level ? " 📈" : "";

    private static string Status(BadgeRequestStatus status) => status switch
    {
        BadgeRequestStatus.Approved => "accepté 🎉",
        BadgeRequestStatus.Refused => "pas accepté cette fois",
        _ => "en attente",
    };

    /// <summary>"27/11".</summary>
    private static string Short(DateOnly date) => date.ToString("dd/MM", ParisTime.French);

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
