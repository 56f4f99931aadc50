using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Programme;
using Bot.Dialogs.SelfAssessment;

namespace Bot.Dialogs.Badges;

/// <summary>Which of a badge's <see cref="BadgeRequirements"/> a check is about.</summary>
public enum BadgeCriterion { Sessions, Level, SelfAssessment }

/// <summary>
/// One requirement, checked: what the pupil has against what the badge asks. Sessions: counts; Level: the best
/// level of a counted session (0: none) against the minimum; SelfAssessment: 1 when done, against 1.
/// </summary>
public sealed record CriterionCheck(BadgeCriterion Kind, int Have, int Need, IReadOnlyList<ContributionDomain> Domains)
{
    public bool Met => Have >= Need;

    /// <summary>How many are still missing (sessions), or 0 once met.</summary>
    public int Missing => Math.Max(0, Need - Have);

    /// <summary>The check as the pupil reads it: "3 séances sur 5 : encore 2", "bilan du trimestre : fait ✅".</summary>
    public string Line => BadgeTexts.Line(this);
}

/// <summary>
/// Where a pupil stands, in one trimester, against a badge's requirements: one check per requirement set in the
/// configuration, in a fixed order (sessions, level, self-assessment). A pure function of what it is given.
/// </summary>
public sealed record BadgeProgress(SchoolPeriod Term, IReadOnlyList<CriterionCheck> Checks)
{
    /// <summary>False for a badge with prose criteria only: nothing computed to show.</summary>
    public bool HasRequirements => Checks.Count > 0;

    public bool AllMet => Checks.All(c => c.Met);

    /// <summary>
    /// Checks <paramref name="badge"/> for one pupil. <paramref name="sessions"/> are the pupil's sessions (in their
    /// group); those outside <paramref name="term"/> (First..Last, both included) are ignored, and so is a
    /// self-assessment of another trimester.
    /// </summary>
    public static BadgeProgress Evaluate(BadgeDefinition badge, SchoolPeriod term, IEnumerable<Contribution> sessions,
        TrimesterSelfAssessment? assessment)
    {
        if (badge.Requirements is not { } wanted) return new(term, []);
        var domains = wanted.Domains;
        var counted = sessions.Where(s => term.Contains(s.SessionDate) && (domains.Count == 0 || domains.Contains(s.Domain))).ToList();
        List<CriterionCheck> checks = [];
        if (wanted.MinSessions is { } min) checks.Add(new(BadgeCriterion.Sessions, counted.Count, min, domains));
        if (wanted.MinLevel is { } level) checks.Add(new(BadgeCriterion.Level, counted.Select(s => s.Level).DefaultIfEmpty(0).Max(), level, domains));
        if (wanted.SelfAssessmentDone) checks.Add(new(BadgeCriterion.SelfAssessment, assessment?.Trimester == term.Name ? 1 : 0, 1, []));
        return new(term, checks);
    }
}
