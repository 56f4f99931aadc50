using System.Reflection;
using Bot.Dialogs.Understanding;

namespace Bot.Dialogs.Help;

public sealed record IntentMatch(string Intent, double Score);

/// <summary>
/// Routes a free French question to an intent: TF-IDF over character n-grams (robust to typos and
/// missing accents) and word unigrams, nearest training examples by cosine similarity. Built once
/// from the phrasings in intents.tsv; classifying a message costs a few hundred dictionary lookups.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>
    /// Below this similarity the question is "not understood". Off-topic questions score under 0.13
    /// once their unknown words count in the length; real questions mostly above 0.3.
    /// </summary>
    public const double Threshold = 0.2;
    private const int Neighbours = 3;

    private readonly Dictionary<string, int> _features = new(StringComparer.Ordinal);
    private readonly double[] _idf;
    private readonly double _unseenIdf;
    private readonly (string Intent, Dictionary<int, double> Vector)[] _examples;

    public IntentClassifier(IEnumerable<(string Intent, string Phrase)> training)
    {
        var docs = training.Select(t => (t.Intent, Grams: Grams(t.Phrase))).ToList();
        var documentFrequency = new Dictionary<int, int>();
        foreach (var (_, grams) in docs)
            foreach (var gram in grams.Distinct())
            {
                if (!_features.TryGetValue(gram, out var index)) _features[gram] = index = _features.Count;
                documentFrequency[index] = documentFrequency.GetValueOrDefault(index) + 1;
            }
        _idf = new double[_features.Count];
        foreach (var (index, df) in documentFrequency) _idf[index] = Math.Log((1.0 + docs.Count) / (1.0 + df)) + 1.0;
        _unseenIdf = Math.Log(1.0 + docs.Count) + 1.0;
        _examples = [.. docs.Select(d => (d.Intent, Vectorize(d.Grams)))];
    }

    public static IntentClassifier FromEmbeddedExamples()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bot.Dialogs.Help.intents.tsv")
            ?? throw new InvalidOperationException("intents.tsv is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return new IntentClassifier(ParseTsv(reader.ReadToEnd()));
    }

    /// <summary>Lines "intent&lt;TAB&gt;phrase"; blank lines and lines starting with # are skipped.</summary>
    public static IEnumerable<(string Intent, string Phrase)> ParseTsv(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0].Trim(), parts[1].Trim()));

    public IReadOnlyCollection<string> Intents => [.. _examples.Select(e => e.Intent).Distinct()];

    /// <summary>The best intent, or null when nothing is close enough.</summary>
    public IntentMatch? Classify(string? text)
    {
        var vector = Vectorize(Grams(text ?? string.Empty));
        if (vector.Count == 0) return null;
        var best = _examples
            .Select(e => (e.Intent, Score: Cosine(vector, e.Vector)))
            .OrderByDescending(e => e.Score)
            .Take(Neighbours)
            .ToList();
        if (best.Count == 0 || best[0].Score < Threshold) return null;
        // The nearest examples vote, weighted by similarity; the winner's score is its best example's.
        var winner = best.GroupBy(e => e.Intent).OrderByDescending(g => g.Sum(e => e.Score)).First();
        return new IntentMatch(winner.Key, winner.Max(e => e.Score));
    }

    private Dictionary<int, double> Vectorize(List<string> grams)
    {
        var vector = new Dictionary<int, double>();
        var unknown = new Dictionary<string, int>();
        foreach (var gram in grams)
            if (_features.TryGetValue(gram, out var index)) vector[index] = vector.GetValueOrDefault(index) + 1;
            else unknown[gram] = unknown.GetValueOrDefault(gram) + 1;
        var norm = 0.0;
        foreach (var (index, tf) in vector)
        {
            var weight = (1 + Math.Log(tf)) * _idf[index];
            vector[index] = weight;
            norm += weight * weight;
        }
        // Words never seen in training still count in the length: "j'ai faim" is not "j'ai".
        foreach (var tf in unknown.Values) norm += Math.Pow((1 + Math.Log(tf)) * _unseenIdf, 2);
        norm = Math.Sqrt(norm);
        if (vector.Count == 0) return vector;
        foreach (var index in vector.Keys) vector[index] /= norm;
        return vector;
    }

    private static double Cosine(Dictionary<int, double> a, Dictionary<int, double> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var sum = 0.0;
        foreach (var (index, weight) in small)
            if (large.TryGetValue(index, out var other)) sum += weight * other;
        return sum;
    }

    /// <summary>
    /// Words (w:, counted twice: they carry the meaning), word stems (s:, the first five letters:
    /// "donnees"/"donne" differ, "inscrire"/"inscription" meet) and character 4-grams of the longer
    /// words (c:, for typos and missing letters).
    /// </summary>
    private static List<string> Grams(string text)
    {
        var folded = TextNormalizer.ExpandSlang(TextNormalizer.CollapseStretched(TextNormalizer.Fold(text)));
        var grams = new List<string>();
        foreach (var raw in folded.Split([' ', '\'', '-', ',', '.', '?', '!', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Length < 2 || StopWords.Contains(raw)) continue;
            grams.Add("w:" + raw);
            grams.Add("w:" + raw);
            if (raw.Length > 5) grams.Add("s:" + raw[..5]);
            if (raw.Length < 5) continue;
            var padded = $" {raw} ";
            for (var i = 0; i + 4 <= padded.Length; i++) grams.Add("c:" + padded.Substring(i, 4));
        }
        return grams;
    }

    // Function words only: question words ("comment", "quoi", "ou") carry meaning here and stay.
    private static readonly HashSet<string> StopWords =
    [
        "le", "la", "les", "un", "une", "des", "de", "du", "et", "je", "tu", "il", "on", "me", "te", "se", "ma", "ta", "mon", "ton",
        "mes", "tes", "ce", "ca", "en", "au", "aux", "y", "ne", "pas", "moi", "toi", "stp", "svp", "merci", "bonjour", "salut",
        "coucou", "wesh", "slt", "bjr", "euh", "bah", "ben", "alors", "j", "l", "d", "m", "t", "s", "n", "c", "qu",
        "ai", "as", "a", "est", "es", "suis", "sont", "etre", "avoir", "il", "elle",
    ];
}
