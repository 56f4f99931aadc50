using Bot.Dialogs.Understanding;

namespace Bot.Tests.Understanding;

public class YesNoTests
{
    [Theory]
    [InlineData("oui")]
    [InlineData("OUI")]
    [InlineData("Ouiiii !")]
    [InlineData("ouais")]
    [InlineData("ouaiss")]
    [InlineData("ouep")]
    [InlineData("wi")]
    [InlineData("yes")]
    [InlineData("ok")]
    [InlineData("oki")]
    [InlineData("dac")]
    [InlineData("d’accord")]
    [InlineData("carrément")]
    [InlineData("grave")]
    [InlineData("vas-y")]
    [InlineData("c'est bon")]
    [InlineData("c bon")]
    [InlineData("ça marche")]
    [InlineData("oui c'est tout bon")]
    [InlineData("👍")]
    public void Yes(string text) => Assert.Equal(YesNoAnswer.Yes, YesNo.Read(text));

    [Theory]
    [InlineData("non")]
    [InlineData("NON")]
    [InlineData("nan")]
    [InlineData("nn")]
    [InlineData("nope")]
    [InlineData("nonnnn")]
    [InlineData("pas du tout")]
    [InlineData("non, la date est fausse")]
    [InlineData("je veux modifier")]
    [InlineData("👎")]
    public void No(string text) => Assert.Equal(YesNoAnswer.No, YesNo.Read(text));

    [Theory]
    [InlineData("")]
    [InlineData("peut-être")]
    [InlineData("banane")]
    [InlineData("jsp")]
    public void Neither(string text) => Assert.Equal(YesNoAnswer.Unknown, YesNo.Read(text));
}
