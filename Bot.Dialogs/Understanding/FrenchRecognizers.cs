using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Number;

namespace Bot.Dialogs.Understanding;

/// <summary>
/// The French recognizer models, built once per process. Building them costs hundreds of
/// milliseconds and their regexes compile lazily on first use, so <see cref="Warm"/> runs them
/// over typical phrases at start rather than on a pupil's first turn.
/// </summary>
public sealed class FrenchRecognizers
{
    private static readonly Lazy<FrenchRecognizers> SharedInstance = new(() => new FrenchRecognizers());
    private int _warmed;

    /// <summary>One set of models for the whole process: they are immutable and safe to share between threads.</summary>
    public static FrenchRecognizers Shared => SharedInstance.Value;

    private static readonly string[] WarmPhrases =
    [
        "hier", "avant-hier", "aujourd'hui", "vendredi", "vendredi dernier", "le 20 novembre", "20/11",
        "20/11/2026", "il y a deux semaines", "il y a 3 jours", "la semaine dernière", "hier à 17h", "2026-11-20",
    ];

    private FrenchRecognizers()
    {
        DateTimes = new DateTimeRecognizer(Culture.French, DateTimeOptions.None, lazyInitialization: false).GetDateTimeModel();
        Numbers = new NumberRecognizer(Culture.French, NumberOptions.None, lazyInitialization: false).GetNumberModel();
    }

    public DateTimeModel DateTimes { get; }
    public IModel Numbers { get; }

    public void Warm()
    {
        if (Interlocked.Exchange(ref _warmed, 1) == 1) return;
        var reference = new DateTime(2026, 11, 27, 12, 0, 0);
        foreach (var phrase in WarmPhrases) DateTimes.Parse(phrase, reference);
        foreach (var phrase in new[] { "trois", "3", "quatre sur cinq" }) Numbers.Parse(phrase);
    }
}
