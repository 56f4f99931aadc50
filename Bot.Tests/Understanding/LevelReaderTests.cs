using Bot.Dialogs.Understanding;

namespace Bot.Tests.Understanding;

public class LevelReaderTests
{
    private static readonly string[] Labels = ["Je découvre", "Je progresse", "Je sais faire", "Je peux transmettre"];
    private readonly LevelReader _reader = new();

    [Theory]
    [InlineData("3", 3)]
    [InlineData(" 2 ", 2)]
    [InlineData("trois", 3)]
    [InlineData("Quatre", 4)]
    [InlineData("un", 1)]
    [InlineData("deux", 2)]
    [InlineData("3 sur 4", 3)] // the recognizer alone reads 0.75
    [InlineData("3/4", 3)]
    [InlineData("3 / 4", 3)]
    [InlineData("trois sur quatre", 3)]
    [InlineData("niveau 2", 2)]
    [InlineData("je dirais niveau 4", 4)]
    [InlineData("je sais faire", 3)]
    [InlineData("Je peux transmettre", 4)]
    [InlineData("je decouvre", 1)]
    [InlineData("je progresse", 2)]
    [InlineData("je progrese", 2)] // typo
    public void ReadsALevel(string text, int expected) => Assert.Equal(expected, _reader.Read(text, Labels));

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("3/5")]
    [InlineData("8 sur 10")]
    [InlineData("bof")]
    [InlineData("")]
    [InlineData("3 ou 4")]
    public void RefusesWhatIsNotALevelFromOneToFour(string text) => Assert.Null(_reader.Read(text, Labels));
}
