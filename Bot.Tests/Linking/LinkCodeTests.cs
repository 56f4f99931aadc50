using System.Security.Cryptography;
using System.Text;
using Bot.Dialogs.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Linking;

/// <summary>/lier: the code, its single use, its expiry, and the lock after five wrong codes.</summary>
public class LinkCodeTests : LinkingTests
{
    private const string Linked = "C'est relié ✅ Je te reconnais maintenant sur le chat du site et Discord : tout ce que tu fais est au même endroit.";

    [Fact]
    public async Task Lier_GivesASixCharacterCode_ValidTenMinutes_StoredOnlyAsItsHash()
    {
        await WebChatAsync("bonjour");
        var replies = await WebChatAsync("/lier");
        var code = replies[0][(replies[0].IndexOf("**", StringComparison.Ordinal) + 2)..][..6];
        Assert.Equal(
            [$"Voici ton code : **{code}**. Il marche une seule fois, pendant 10 minutes.\n\n" +
             $"Sur l'autre canal (le chat du site, Discord ou Teams), écris « /lier {code} » : je saurai que c'est toi. " +
             "Ça marche aussi pour retrouver ton compte sur un autre ordinateur ou téléphone.",
             "Ne le donne à personne : avec ce code, quelqu'un pourrait se faire passer pour toi."], replies);
        Assert.All(code, c => Assert.Contains(c, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"));

        var stored = Assert.Single(await Bot.WithDbAsync(db => db.LinkCodes.ToListAsync()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code))), stored.CodeHash);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddMinutes(10), stored.ExpiresAt);
        Assert.Null(stored.UsedAt);
    }

    [Fact]
    public async Task TheAnswerKeptForARetriedDelivery_DoesNotHoldTheCode()
    {
        var code = await CodeAsync("webchat", "lea-web");
        var kept = await Bot.WithDbAsync(db => db.ProcessedTurns.Select(t => t.Replies).ToListAsync());
        Assert.DoesNotContain(kept, json => json.Contains(code));
        var texts = kept.SelectMany(ReplyJson.Read).OfType<TextReply>().Select(t => t.Text).ToList();
        Assert.Contains("Ton code ne s'affiche qu'une fois : écris « /lier » pour en obtenir un nouveau.", texts);
    }

    [Fact]
    public async Task TheCodeTypedOnAnotherChannel_AttachesThatIdentity_Once()
    {
        var code = await CodeAsync("webchat", "lea-web");
        // Typed in lower case, with a space in the middle, without the slash: still the code.
        var typed = $"lier {code[..3].ToLowerInvariant()} {code[3..].ToLowerInvariant()}";
        Assert.Equal(Linked, (await DiscordAsync(typed)).Last());
        Assert.Equal(["discord:lea-discord", "webchat:lea-web"], await IdentitiesOfAsync("lea-web"));
        Assert.Equal(1, await Bot.WithDbAsync(db => db.People.CountAsync()));

        // Used: another channel gets nothing.
        Assert.Equal("Ce code a déjà servi : il ne marche qu'une fois. Écris « /lier » sur ton autre canal pour en obtenir un nouveau.",
            (await TeamsAsync($"/lier {code}")).Last());
        Assert.Equal(["teams:lea-teams"], await IdentitiesOfAsync("lea-teams"));
        Assert.Equal(2, await Bot.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task ACode_ExpiresAfterTenMinutes()
    {
        var code = await CodeAsync("webchat", "lea-web");
        await DiscordAsync("bonjour");
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["Ce code a expiré : il ne marche que 10 minutes. Écris « /lier » sur ton autre canal pour en obtenir un nouveau."],
            await DiscordAsync($"/lier {code}"));
        Assert.Equal(["discord:lea-discord"], await IdentitiesOfAsync("lea-discord"));

        // A new one, typed within its ten minutes, works.
        var fresh = await CodeAsync("webchat", "lea-web");
        Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal([Linked], await DiscordAsync($"/lier {fresh}"));
    }

    [Fact]
    public async Task ANewCode_InvalidatesThePreviousUnusedOne()
    {
        var first = await CodeAsync("webchat", "lea-web");
        var second = await CodeAsync("webchat", "lea-web");
        await DiscordAsync("bonjour");
        Assert.StartsWith("Ce code ne marche pas.", (await DiscordAsync($"/lier {first}"))[0]);
        Assert.Equal([Linked], await DiscordAsync($"/lier {second}"));
        Assert.Single(await Bot.WithDbAsync(db => db.LinkCodes.ToListAsync()));
    }

    [Fact]
    public async Task FiveWrongCodes_LockLinkingForWhoTypedThem_FifteenMinutes()
    {
        var code = await CodeAsync("webchat", "lea-web");
        await DiscordAsync("bonjour");
        var wrong = code == "ABCDEF" ? "ABCDEG" : "ABCDEF";
        const string wrongCode = "Ce code ne marche pas. Vérifie-le, ou écris « /lier » sur ton autre canal pour en obtenir un nouveau.";
        Assert.Equal(
        [
            $"{wrongCode} Il te reste 4 essais avant un blocage de 15 minutes.",
            $"{wrongCode} Il te reste 3 essais avant un blocage de 15 minutes.",
            $"{wrongCode} Il te reste 2 essais avant un blocage de 15 minutes.",
            $"{wrongCode} Attention : encore 1 essai avant un blocage de 15 minutes.",
            "Trop de codes faux : pour ta sécurité, je bloque la liaison des comptes jusqu'à 10 h 15. Réessaie après, avec un nouveau code.",
        ], await WrongTimesAsync(5));

        // Locked: even the right code does nothing.
        Assert.Equal(["Trop de codes faux : pour ta sécurité, je bloque la liaison des comptes jusqu'à 10 h 15. Réessaie après, avec un nouveau code."],
            await DiscordAsync($"/lier {code}"));
        Assert.Equal(["discord:lea-discord"], await IdentitiesOfAsync("lea-discord"));
        // The lock is on who typed: another pupil links meanwhile.
        var toms = await CodeAsync("webchat", "tom-web");
        Assert.StartsWith("C'est relié ✅", (await TeamsAsync($"/lier {toms}", "tom-teams")).Last());

        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.StartsWith("Trop de codes faux", (await DiscordAsync($"/lier {await CodeAsync("webchat", "lea-web")}"))[0]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Linked], await DiscordAsync($"/lier {await CodeAsync("webchat", "lea-web")}"));

        async Task<string[]> WrongTimesAsync(int times)
        {
            var answers = new List<string>();
            for (var i = 0; i < times; i++) answers.AddRange(await DiscordAsync($"/lier {wrong}"));
            return [.. answers];
        }
    }

    [Fact]
    public async Task WrongCodes_FarApart_DoNotAddUp()
    {
        await DiscordAsync("bonjour");
        for (var i = 0; i < 4; i++) await DiscordAsync("/lier ABCDEF");
        Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.EndsWith("Il te reste 4 essais avant un blocage de 15 minutes.", (await DiscordAsync("/lier ABCDEF"))[0]);
    }

    [Fact]
    public async Task AWrongCode_ChangesNothing()
    {
        await LogSessionAsync("webchat", "lea-web");
        await CodeAsync("webchat", "lea-web");
        await LogSessionAsync("discord", "lea-discord");
        var before = await SnapshotAsync();
        Assert.StartsWith("Ce code ne marche pas.", (await DiscordAsync("/lier ABCDEF"))[0]);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("/lier bonjour")]
    [InlineData("/lier ABC")]
    [InlineData("/lier ABCDEFG")]
    [InlineData("/lier ABCDE0")] // a zero is never in a code
    public async Task SomethingThatIsNoCode_GetsAClearAnswer_AndCountsForNothing(string typed)
    {
        await DiscordAsync("bonjour");
        var before = await SnapshotAsync();
        Assert.Equal(
            ["Je n'ai pas reconnu de code : il a 6 caractères, des lettres et des chiffres, comme K7P3XM. Écris « /lier » tout seul pour en obtenir un."],
            await DiscordAsync(typed));
        Assert.Equal(before, await SnapshotAsync());
        Assert.False(await Bot.WithDbAsync(db => db.LinkLockouts.AnyAsync()));
    }

    [Fact]
    public async Task OnesOwnCode_IsAlreadyLinked_AndStaysValid()
    {
        var code = await CodeAsync("webchat", "lea-web");
        Assert.Equal(["C'est déjà lié : ce code est le tien, et je te reconnais déjà ici 🙂 Tape-le sur ton autre canal pour le relier."],
            await WebChatAsync($"/lier {code}"));
        await DiscordAsync("bonjour");
        Assert.Equal([Linked], await DiscordAsync($"/lier {code}"));
        // Once linked, the same code from the same person is still "déjà lié", not a wrong try.
        Assert.StartsWith("C'est déjà lié", (await DiscordAsync($"/lier {code}"))[0]);
        Assert.False(await Bot.WithDbAsync(db => db.LinkLockouts.AnyAsync()));
    }

    [Fact]
    public async Task Counsellors_AreNeverLinked()
    {
        await Bot.CounsellorSaysAsync("bonjour");
        const string refused = "La liaison des comptes est réservée aux élèves : un compte de conseillère ne se relie pas. " +
            "Vous restez reconnue sur chaque canal séparément.";
        Assert.Equal([refused], await Bot.CounsellorSaysAsync("/lier"));
        Assert.False(await Bot.WithDbAsync(db => db.LinkCodes.AnyAsync()));

        // A pupil's code typed by the counsellor: refused, nothing moves.
        var code = await CodeAsync("webchat", "lea-web");
        var before = await SnapshotAsync();
        Assert.Equal([refused], await Bot.CounsellorSaysAsync($"/lier {code}"));
        Assert.Equal([refused], await Bot.CounsellorSaysAsync("/délier"));
        Assert.Equal(before, await SnapshotAsync());

        // A code made by someone who is a counsellor now: a pupil cannot take it.
        await Bot.WithDbAsync(db => db.People.Where(p => p.Identities.Any(i => i.ExternalId == "lea-web"))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsCounsellor, true)));
        await DiscordAsync("bonjour");
        Assert.Equal(["Ce code vient d'un compte de conseillère : je ne peux pas le relier à un compte d'élève."], await DiscordAsync($"/lier {code}"));
        Assert.Equal(["discord:lea-discord"], await IdentitiesOfAsync("lea-discord"));
    }

    /// <summary>The identities of the person behind this external id, as "channel:id".</summary>
    protected Task<List<string>> IdentitiesOfAsync(string externalId) => Bot.WithDbAsync(async db =>
    {
        var person = await db.ChannelIdentities.Where(i => i.ExternalId == externalId).Select(i => i.PersonId).SingleAsync();
        return (await db.ChannelIdentities.Where(i => i.PersonId == person).Select(i => i.Channel + ":" + i.ExternalId).ToListAsync()).Order().ToList();
    });

    /// <summary>Who is who and what each logged, as one comparable string.</summary>
    private Task<string> SnapshotAsync() => Bot.WithDbAsync(async db =>
    {
        var identities = (await db.ChannelIdentities.Select(i => $"{i.PersonId}:{i.Channel}:{i.ExternalId}").ToListAsync()).Order();
        var people = (await db.People.Select(p => p.Id.ToString()).ToListAsync()).Order();
        var sessions = (await db.Contributions.Select(c => $"{c.PersonId}:{c.SessionDate}:{c.Shared}").ToListAsync()).Order();
        var codes = (await db.LinkCodes.Select(c => $"{c.PersonId}:{c.UsedAt}").ToListAsync()).Order();
        return string.Join("\n", people.Concat(identities).Concat(sessions).Concat(codes));
    });
}
