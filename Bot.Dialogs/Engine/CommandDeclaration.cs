namespace Bot.Dialogs.Engine;

/// <summary>
/// A command as typed after "/", declared once by its dialog (or by the engine for its own words).
/// Discord's registration, the Teams manifest, Teams' words typed without "/" and the help are generated from it.
/// </summary>
/// <param name="Name">What follows "/": lower case, no space (Discord's rule), accents allowed (<c>jai-partagé</c>).</param>
/// <param name="Description">French, in the words of whom it is for; at most 100 characters (Discord's limit).</param>
/// <param name="NameEn">The en-US name Discord shows to clients in English.</param>
/// <param name="DescriptionEn">The en-US description.</param>
public sealed record CommandDeclaration(string Name, string Description, string NameEn, string DescriptionEn)
{
    public CommandArgument? Argument { get; init; }

    /// <summary>Must agree with its dialog's <see cref="IDialog.CounsellorOnly"/>, which the engine enforces.</summary>
    public bool CounsellorOnly { get; init; }

    /// <summary>For lists everyone may read (Teams shows every command to every user): a counsellor's command says so first.</summary>
    public string ListedDescription => CounsellorOnly ? $"Conseillère : {LowerFirst(Description)}" : Description;

    public string ListedDescriptionEn => CounsellorOnly ? $"Counsellor: {LowerFirst(DescriptionEn)}" : DescriptionEn;

    internal static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}

/// <param name="Name">French, lower case (Discord's option name).</param>
/// <param name="Description">French: what to give.</param>
public sealed record CommandArgument(string Name, string Description, bool Required);
