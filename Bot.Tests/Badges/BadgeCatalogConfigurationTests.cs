using Bot.Dialogs.Contributions;
using Bot.Dialogs.Programme;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Badges;

/// <summary>The catalogue's requirements, read from configuration and checked when the app starts.</summary>
public class BadgeCatalogConfigurationTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private BotApp App(params (string Key, string Value)[] settings) =>
        new(_database.ConnectionString, Clocks.At(Clocks.Sunday), settings: settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public void TheShippedBadges_HaveTheirRequirements()
    {
        using var app = App();
        var badges = app.Services.GetRequiredService<IOptions<BadgeCatalog>>().Value.Badges;
        var engagement = badges.Single(b => b.Id == "engagement-citoyen").Requirements!;
        Assert.Equal((4, true, 0), (engagement.MinSessions, engagement.SelfAssessmentDone, engagement.Domains.Count));
        var digital = badges.Single(b => b.Id == "competences-numeriques").Requirements!;
        Assert.Equal((2, 2, true), (digital.MinSessions, digital.MinLevel, digital.SelfAssessmentDone));
        Assert.Equal([ContributionDomain.DigitalSkills], digital.Domains);
    }

    [Theory]
    [InlineData("Badges:1:Requirements:MinLevel", "7")]
    [InlineData("Badges:1:Requirements:MinSessions", "0")]
    [InlineData("Badges:1:Requirements:Domains:1", "9")]
    public void ARequirementOutOfRange_StopsTheStart_NamingTheBadge(string key, string value)
    {
        using var app = App((key, value));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Badges: the requirements of « competences-numeriques » are not valid: MinSessions from 1 to 60, MinLevel from 1 to 4, " +
            "Domains among DigitalSkills, CivicEngagement, SoftSkills, Other (and then MinSessions or MinLevel).", error.ToString());
    }

    [Fact]
    public void DomainsWithoutACount_StopTheStart()
    {
        using var app = App(("Badges:0:Requirements:Domains:0", "SoftSkills"), ("Badges:0:Requirements:MinSessions", ""));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Badges: the requirements of « engagement-citoyen » are not valid", error.ToString());
    }

    [Fact]
    public void AnUnknownDomainName_StopsTheStart_InsteadOfBeingDropped()
    {
        using var app = App(("Badges:1:Requirements:Domains:0", "Numerique"));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Badges: the requirements of « competences-numeriques » are not valid", error.ToString());
    }
}
