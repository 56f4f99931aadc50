using Bot.Dialogs.Help;

namespace Bot.Tests.Help;

public class IntentClassifierTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly IntentClassifier Classifier = IntentClassifier.FromEmbeddedExamples();

    private static List<(string Intent, string Phrase)> HeldOut() =>
        [.. IntentClassifier.ParseTsv(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Help", "heldout.tsv")))];

    /// <summary>
    /// The held-out phrasings, never trained on, must reach 85 % accuracy, "none" included (the bot
    /// must then say it does not know). Below that, add training phrasings or revisit the threshold.
    /// </summary>
    [Fact]
    public void HeldOutAccuracy_IsAtLeast85Percent()
    {
        var heldOut = HeldOut();
        var misses = heldOut
            .Select(h => (h.Intent, h.Phrase, Got: Classifier.Classify(h.Phrase)?.Intent ?? "none"))
            .Where(r => r.Got != r.Intent)
            .ToList();
        var accuracy = 1.0 - (double)misses.Count / heldOut.Count;
        output.WriteLine($"held-out accuracy: {accuracy:P1} ({heldOut.Count - misses.Count}/{heldOut.Count})");
        foreach (var m in misses) output.WriteLine($"miss: {m.Phrase} → {m.Got} (want {m.Intent})");
        Assert.True(accuracy >= 0.85,
            $"held-out accuracy {accuracy:P0} < 85 %; misses:\n" + string.Join("\n", misses.Select(m => $"{m.Phrase} → {m.Got} (want {m.Intent})")));
    }

    [Fact]
    public void TheHeldOutSet_CoversEveryIntent_AndIsNotInTheTrainingSet()
    {
        var heldOut = HeldOut();
        Assert.Subset(heldOut.Select(h => h.Intent).ToHashSet(), Classifier.Intents.ToHashSet());
        var training = IntentClassifier.ParseTsv(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Help", "intents.tsv")))
            .Select(t => t.Phrase).ToHashSet();
        Assert.DoesNotContain(heldOut, h => training.Contains(h.Phrase));
    }

    [Theory]
    [InlineData("comment je rends mon badge public", "make_public")]
    [InlineData("COMMENT RENDRE MON BADGE PUBLIQUE ???", "make_public")]
    [InlineData("je sais pas m'inscrire", "account")]
    public void TypicalQuestions(string question, string intent) => Assert.Equal(intent, Classifier.Classify(question)?.Intent);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("??")]
    public void EmptyQuestions_AreNotClassified(string question) => Assert.Null(Classifier.Classify(question));
}
