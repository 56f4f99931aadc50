using Bot.Dialogs.Badges;
using Bot.Dialogs.Engine;
using Bot.Issuing;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Issuing;

/// <summary>Approval of a badge issued through Open Badge Factory: the address asked only then, erased once issued, failures never lose the decision.</summary>
public class IssuingTranscriptTests : IAsyncLifetime
{
    private FakeOpenBadgeFactory _obf = null!;
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _obf = await FakeOpenBadgeFactory.StartAsync();
        var baseUrl = _obf.BaseUrl;
        _bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), services =>
        {
            services.Configure<OpenBadgeFactoryOptions>(o => (o.BaseUrl, o.ClientId, o.ClientSecret) = (baseUrl, FakeOpenBadgeFactory.ClientId, FakeOpenBadgeFactory.ClientSecret));
            services.AddOpenBadgeFactoryIssuer();
        });
        await _bot.CounsellorSaysAsync("bonjour");
        foreach (var turn in new[] { "bonjour", "/badges", "numérique", "Sans message" }) await _bot.PupilSaysAsync("lea", "Léa", turn);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _obf.DisposeAsync();
    }

    private Task<BadgeRequest> RequestAsync() => _bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().SingleAsync());

    private async Task ApproveAsync()
    {
        var request = await RequestAsync();
        Assert.Equal(["✅ C'est validé : Léa va recevoir le badge « Compétences numériques » par Open Badge Factory. Je lui demande son adresse mail pour l'envoi."],
            await _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}"));
    }

    /// <summary>Léa clicks the button of her notice and gives her address.</summary>
    private async Task<string[]> GiveEmailAsync()
    {
        var (_, notice) = _bot.Notices.Sent.Last();
        var button = Assert.IsType<ChoicesReply>(notice[0]).Choices.Single();
        Assert.Equal("Donner mon adresse mail", button.Label);
        Assert.Equal(["Quelle est ton adresse mail ? Mets celle de ton compte Open Badge Passport : la mairie y enverra ton badge. Je ne la garde que le temps de l'envoi."],
            await _bot.PupilSaysAsync("lea", "Léa", button.Label, button.Id));
        Assert.Equal(["Je n'ai pas compris. Écris une adresse mail complète, par exemple prenom.nom@exemple.fr.",
            "Quelle est ton adresse mail ? Mets celle de ton compte Open Badge Passport : la mairie y enverra ton badge. Je ne la garde que le temps de l'envoi."],
            await _bot.PupilSaysAsync("lea", "Léa", "lea at example"));
        return await _bot.PupilSaysAsync("lea", "Léa", "lea.martin@example.fr");
    }

    [Fact]
    public async Task Approval_AsksTheAddress_IssuesTheBadge_GivesTheReceiveUrl_AndForgetsTheAddress()
    {
        await ApproveAsync();
        Assert.StartsWith("🎉 Bonne nouvelle ! La conseillère a accepté ta demande du badge « Compétences numériques ». La mairie va te l'envoyer : il me faut juste ton adresse mail.",
            Assert.IsType<ChoicesReply>(_bot.Notices.Sent.Single().Replies[0]).Text);

        var replies = await GiveEmailAsync();
        Assert.Equal("C'est parti 📬 Ton badge « Compétences numériques » est envoyé : tu vas recevoir un mail d'Open Badge Factory. Tu peux aussi le récupérer tout de suite avec ce lien :", replies[0]);
        var link = Assert.IsType<LinkReply>(_bot.LastReplies[1]);
        Assert.StartsWith("https://openbadgefactory.com/c/receive/", link.Url.ToString());

        Assert.Equal(("OBFNUM", "lea.martin@example.fr", (string?)"Léa"), Assert.Single(_obf.Issued));
        var request = await RequestAsync();
        Assert.Null(request.IssueEmail);
        Assert.NotNull(request.IssuedAt);
        Assert.Equal(link.Url.ToString(), request.ReceiveUrl);
    }

    [Fact]
    public async Task APlatformError_KeepsTheDecision_TellsTheCounsellor_AndARetryIssuesIt()
    {
        await ApproveAsync();
        _obf.FailNextIssues(1);
        Assert.Equal(["Oups, l'envoi du badge n'a pas marché pour l'instant 😕 Ta demande reste acceptée : la conseillère est prévenue et relancera l'envoi. Tu n'as rien à refaire."],
            await GiveEmailAsync());

        var request = await RequestAsync();
        Assert.Equal(BadgeRequestStatus.Approved, request.Status);
        Assert.Null(request.IssuedAt);
        Assert.Equal("lea.martin@example.fr", request.IssueEmail); // kept until issued, for the retry
        var (to, alert) = _bot.Notices.Sent.Last();
        Assert.Equal(DialogHarness.CounsellorId, to);
        Assert.Equal("L'envoi du badge « Compétences numériques » à Léa par Open Badge Factory a échoué (Open Badge Factory a répondu 500 à l'envoi). La demande reste acceptée : /demandes pour réessayer.",
            Assert.IsType<TextReply>(alert[0]).Text);

        var pending = await _bot.CounsellorSaysAsync("/demandes");
        Assert.Equal("**Léa** : le badge « Compétences numériques » est accepté mais Open Badge Factory ne l'a pas encore délivré (Open Badge Factory a répondu 500 à l'envoi). [Réessayer l'envoi]", pending[0]);
        Assert.Equal(["📬 C'est envoyé : Léa a reçu le badge « Compétences numériques ». Je lui envoie le lien pour le récupérer."],
            await _bot.CounsellorSaysAsync("Réessayer l'envoi", $"start:review:retry:{request.Id:N}"));

        request = await RequestAsync();
        Assert.Null(request.IssueEmail);
        Assert.NotNull(request.ReceiveUrl);
        var (pupil, notice) = _bot.Notices.Sent.Last();
        Assert.Equal("lea", pupil);
        Assert.Equal(request.ReceiveUrl, Assert.IsType<LinkReply>(notice[1]).Url.ToString());
    }

    [Fact]
    public async Task AnotherPupil_CannotClaimSomeoneElsesBadge()
    {
        await ApproveAsync();
        var request = await RequestAsync();
        Assert.Equal(["Cette demande n'attend plus rien de toi : tout est en ordre 👍"],
            (await _bot.PupilSaysAsync("tom", "Tom", "Donner mon adresse mail", $"start:claim:{request.Id:N}")).Skip(2));
        Assert.Empty(_obf.Issued);
    }
}
