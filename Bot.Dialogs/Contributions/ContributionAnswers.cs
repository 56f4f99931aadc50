using System.Globalization;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using T = Bot.Dialogs.Contributions.ContributionTexts;

namespace Bot.Dialogs.Contributions;

/// <summary>
/// Reads one answer of the session log, typed or clicked. Each returns the new draft (null when
/// nothing changes), whether the answer was understood, and a problem to tell the pupil.
/// </summary>
internal static class ContributionAnswers
{
    public static DateAnswer CheckPicked(DateOnly date, DateOnly today) =>
        date > today ? new DateAnswer.InFuture(date)
        : today.DayNumber - date.DayNumber > SessionDateReader.MaxAgeDays ? new DateAnswer.TooOld(date)
        : new DateAnswer.Found(date);

    public static (ContributionDraft?, StepOutcome, string?) ApplyDuplicate(ContributionDraft draft, string? text, string? choiceId)
    {
        var folded = TextNormalizer.Fold(text);
        if (choiceId == T.ReplaceChoice.Id || folded.StartsWith("rempla", StringComparison.Ordinal) || folded == "ecraser")
            return (draft with { ReplaceId = draft.DuplicateOfId, DuplicateOfId = null }, StepOutcome.Understood, null);
        if (choiceId == T.AddChoice.Id || folded.StartsWith("ajout", StringComparison.Ordinal) || folded.Contains("autre"))
            return (draft with { ReplaceId = null, DuplicateOfId = null }, StepOutcome.Understood, null);
        return (null, StepOutcome.NotUnderstood(T.DuplicateExample), null);
    }

    public static (ContributionDraft?, StepOutcome, string?) ApplyText(
        ContributionDraft draft, string? text, Func<ContributionDraft, string, ContributionDraft> set)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0) return (null, StepOutcome.NotUnderstood(T.FreeTextExample), null);
        if (value.Length > Contribution.MaxTextLength) return (null, StepOutcome.Understood, T.TooLong(value.Length));
        return (set(draft, value), StepOutcome.Understood, null);
    }

    public static (ContributionDraft?, StepOutcome, string?) ApplyDomain(ContributionDraft draft, string? text, string? choiceId)
    {
        var domain = ReadDomain(choiceId) ?? ReadDomain(text);
        return domain is null
            ? (null, StepOutcome.NotUnderstood(T.DomainExample), null)
            : (draft with { Domain = domain }, StepOutcome.Understood, null);
    }

    public static ContributionDomain? ReadDomain(string? text)
    {
        var folded = TextNormalizer.Fold(text);
        if (folded.Length == 0) return null;
        if (folded.StartsWith("domain:", StringComparison.Ordinal))
            return Enum.TryParse<ContributionDomain>(folded[7..], ignoreCase: true, out var id) ? id : null;
        foreach (var (domain, label) in T.Domains)
        {
            var l = TextNormalizer.Fold(label);
            if (folded == l || TextNormalizer.Distance(folded, l, 2) <= 2) return domain;
        }
        if (folded.Contains("numer") || folded.Contains("informat") || folded.Contains("digital") || folded.Contains("ordi")) return ContributionDomain.DigitalSkills;
        if (folded.Contains("citoy") || folded.Contains("engag") || folded.Contains("benevol")) return ContributionDomain.CivicEngagement;
        if (folded.Contains("savoir") && folded.Contains("etre") || folded.Contains("comportement") || folded.Contains("relation")) return ContributionDomain.SoftSkills;
        if (folded is "autre" or "autres" or "aucun" or "je sais pas" or "jsp" or "autre chose") return ContributionDomain.Other;
        return null;
    }

    public static (ContributionDraft?, StepOutcome, string?) ApplyLevel(LevelReader levels, ContributionDraft draft, string? text, string? choiceId)
    {
        int? level = choiceId is not null && choiceId.StartsWith("level:", StringComparison.Ordinal)
            && int.TryParse(choiceId[6..], CultureInfo.InvariantCulture, out var picked) && picked is >= 1 and <= LevelReader.Max
            ? picked
            : levels.Read(text, T.Levels);
        return level is null
            ? (null, StepOutcome.NotUnderstood(T.LevelExample), null)
            : (draft with { Level = level }, StepOutcome.Understood, null);
    }

    public static (ContributionDraft?, StepOutcome, string?) ApplyEdit(ContributionDraft draft, string? text, string? choiceId)
    {
        var folded = choiceId ?? TextNormalizer.Fold(text);
        ContributionStep? step =
            folded.Contains("date") || folded.Contains("jour") ? ContributionStep.Date
            : folded.Contains("partag") || folded.Contains("shared") ? ContributionStep.Shared
            : folded.Contains("appri") || folded.Contains("learned") ? ContributionStep.Learned
            : folded.Contains("domain") ? ContributionStep.Domain
            : folded.Contains("niveau") || folded.Contains("level") || folded.Contains("note") ? ContributionStep.Level
            : folded.Contains("none") || folded.StartsWith("rien", StringComparison.Ordinal) || YesNo.Read(folded) == YesNoAnswer.Yes ? ContributionStep.Recap
            : null;
        return step is null
            ? (null, StepOutcome.NotUnderstood(T.EditExample), null)
            : (draft with { Step = step.Value }, StepOutcome.Understood, null);
    }
}
