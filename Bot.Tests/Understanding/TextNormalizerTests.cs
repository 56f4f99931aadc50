using Bot.Dialogs.Understanding;

namespace Bot.Tests.Understanding;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("Un atelier vinyle 😀\nhier", "Un atelier vinyle 😀\nhier")]
    [InlineData("a\u0000b\u001bc\u007fd", "abcd")]
    [InlineData("fin\uffff\ufdd0", "fin")]
    [InlineData("remplacé \ufffd gardé", "remplacé \ufffd gardé")]
    public void Sanitize_KeepsWhatTextMayHold(string input, string expected) => Assert.Equal(expected, TextNormalizer.Sanitize(input));

    [Fact]
    public void Sanitize_DropsUnpairedSurrogates()
    {
        // Built in code: attribute arguments cannot carry an unpaired surrogate.
        Assert.Equal("xy", TextNormalizer.Sanitize("x" + '\ud800' + "y"));
        Assert.Equal("x😀", TextNormalizer.Sanitize("x" + '\udc00' + "😀"));
    }

    [Fact]
    public void Sanitize_ReturnsCleanTextAsItIs()
    {
        const string clean = "J'ai partagé un tuto";
        Assert.Same(clean, TextNormalizer.Sanitize(clean));
    }
}
