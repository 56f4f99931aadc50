using Bot.Dialogs.Issuing;
using Bot.Dialogs.Programme;
using Bot.Issuing;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Issuing;

/// <summary>Our Open Badge Factory client against a local fake that follows the API v2 contract.</summary>
public class OpenBadgeFactoryIssuerTests : IAsyncLifetime
{
    private static readonly BadgeDefinition Badge = new() { Id = "competences-numeriques", Name = "Compétences numériques", ClaimUrl = "https://x.example/", ObfBadgeId = "OBFNUM" };
    private FakeOpenBadgeFactory _obf = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _obf = await FakeOpenBadgeFactory.StartAsync();
        _services = Services(FakeOpenBadgeFactory.ClientSecret);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _obf.DisposeAsync();
    }

    private ServiceProvider Services(string secret)
    {
        var services = new ServiceCollection();
        var baseUrl = _obf.BaseUrl;
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.Configure<OpenBadgeFactoryOptions>(o => (o.BaseUrl, o.ClientId, o.ClientSecret) = (baseUrl, FakeOpenBadgeFactory.ClientId, secret));
        services.AddOpenBadgeFactoryIssuer();
        return services.BuildServiceProvider();
    }

    private IBadgeIssuer Issuer => _services.CreateScope().ServiceProvider.GetRequiredService<IBadgeIssuer>();

    [Fact]
    public async Task Issuing_GivesTheRecipientsReceiveUrl_AndTheTokenIsCached()
    {
        var first = await Issuer.IssueAsync(Badge, "lea@example.fr", "Léa", default);
        var second = await Issuer.IssueAsync(Badge, "tom@example.fr", null, default);
        Assert.True(first.Issued);
        Assert.StartsWith("https://openbadgefactory.com/c/receive/", first.ReceiveUrl);
        Assert.NotEqual(first.ReceiveUrl, second.ReceiveUrl);
        Assert.Equal([("OBFNUM", "lea@example.fr", (string?)"Léa"), ("OBFNUM", "tom@example.fr", null)], _obf.Issued);
        Assert.Equal(1, _obf.TokenRequests);
    }

    [Fact]
    public async Task A500_IsAFailure_NotAnException_AndTheNextTryWorks()
    {
        _obf.FailNextIssues(1);
        var failed = await Issuer.IssueAsync(Badge, "lea@example.fr", null, default);
        Assert.False(failed.Issued);
        Assert.Equal("Open Badge Factory a répondu 500 à l'envoi", failed.Error);
        Assert.True((await Issuer.IssueAsync(Badge, "lea@example.fr", null, default)).Issued);
    }

    [Fact]
    public async Task AnExpiredToken_IsRenewedOnce_AndTheCallGoesThrough()
    {
        Assert.True((await Issuer.IssueAsync(Badge, "lea@example.fr", null, default)).Issued);
        _obf.ExpireTokens();
        Assert.True((await Issuer.IssueAsync(Badge, "tom@example.fr", null, default)).Issued);
        Assert.Equal(2, _obf.TokenRequests);
    }

    [Fact]
    public async Task WrongCredentials_AreAFailureThatSaysSo()
    {
        await using var services = Services("not-the-secret");
        var outcome = await services.CreateScope().ServiceProvider.GetRequiredService<IBadgeIssuer>().IssueAsync(Badge, "lea@example.fr", null, default);
        Assert.Equal("Open Badge Factory a refusé les identifiants (401)", outcome.Error);
        Assert.Empty(_obf.Issued);
    }

    [Fact]
    public async Task AnUnreachablePlatform_IsAFailure()
    {
        var issuer = Issuer;
        await _obf.DisposeAsync();
        var outcome = await issuer.IssueAsync(Badge, "lea@example.fr", null, default);
        Assert.Equal("Open Badge Factory ne répond pas", outcome.Error);
        _obf = await FakeOpenBadgeFactory.StartAsync(); // for DisposeAsync
    }

    [Fact]
    public void OnlyBadgesWithAnObfId_AreIssuedThere()
    {
        Assert.True(Issuer.CanIssue(Badge));
        Assert.False(Issuer.CanIssue(new BadgeDefinition { Id = "x", Name = "X", ClaimUrl = "https://x.example/" }));
    }
}
