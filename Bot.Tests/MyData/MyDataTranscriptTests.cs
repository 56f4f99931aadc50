using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.MyData;

public class MyDataTranscriptTests : PupilConversationTests
{


    /// <summary>A pupil with one of everything: a session, a badge request, a step of the account guide.</summary>
    private async Task LeaveTracesAsync()
    {
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un tuto montage", "Les raccourcis", "numérique", "3", "oui" }) await Bot.SayAsync(turn);
        await Bot.SayAsync("/badges");
        await Bot.SayAsync("citoyen");
        await Bot.SayAsync("Je viens tous les vendredis");
        await Bot.SayAsync("/compte");
        await Bot.SayAsync("c'est fait");
        await Bot.SayAsync("plus tard");
    }

    [Fact]
    public async Task MesDonnees_ShowsEverythingInWords_AndAsAJsonFile()
    {
        await LeaveTracesAsync();
        var replies = await Bot.SayAsync("mes données");
        Assert.Equal(
            "Voici tout ce que je garde sur toi :\n\n" +
            "- ton identifiant : pupil-1 (test)\n" +
            "- ton nom, tel que le chat me l'a donné : Léa\n" +
            "- ton groupe : Peer to Peer\n" +
            "- 1 séance notée :\n" +
            "  - vendredi 27 novembre 2026 : Compétences numériques, niveau 3 ; partagé « Un tuto montage » ; appris « Les raccourcis »\n" +
            "- tes demandes de badge : Engagement citoyen (en attente)\n" +
            "- tu en es à l'étape 2 sur 4 du guide du compte\n" +
            "- nos conversations sur ce chat\n\nLe fichier ci-dessous contient tout ça.", replies[0]);
        Assert.Equal("Je garde tout ça pour le bilan du trimestre avec la conseillère, et rien d'autre. Tu veux tout effacer ? [Tout effacer]", replies[2]);

        var file = Assert.IsType<FileReply>(Bot.LastReplies[1]);
        Assert.Equal("mes-donnees.json", file.Name);
        var json = JsonNode.Parse(file.Content)!;
        Assert.Equal("Un tuto montage", json["seances"]![0]!["partage"]!.GetValue<string>());
        Assert.Equal("Je viens tous les vendredis", json["demandesDeBadge"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(2, json["guideDuCompte"]!["etape"]!.GetValue<int>());
    }

    [Fact]
    public async Task Erasure_AsksFirst_AndNonKeepsEverything()
    {
        await LeaveTracesAsync();
        Assert.Equal(
            ["Tu es sûr ? J'effacerai tout ce que je sais de toi : tes séances, tes demandes de badge, où tu en es dans le guide du compte et nos conversations. On ne pourra pas revenir en arrière. [Oui, tout effacer | Non, je garde tout]"],
            await Bot.SayAsync("supprimer mes données"));
        Assert.Equal(["D'accord, je ne touche à rien."], await Bot.SayAsync("non"));
        Assert.Equal(1, await Bot.WithDbAsync(db => db.Contributions.CountAsync()));
    }

    [Fact]
    public async Task Erasure_LeavesNoRowAboutThePupilInAnyTable()
    {
        await LeaveTracesAsync();
        await Bot.SayAsync("/lier"); // a link code
        await Bot.SayAsync("/lier ABCDEF"); // and a wrong try
        await Bot.ClickAsync("start:mydata:erase", "Tout effacer");
        Assert.Equal(["C'est fait : j'ai effacé toutes tes données. Si tu m'écris de nouveau, ce sera comme une première fois."],
            await Bot.ClickAsync("mydata:confirm", "Oui, tout effacer"));

        await Bot.WithDbAsync(async db =>
        {
            // Every table of the store is listed here: a new one must be added to the erasure and to this test.
            // (DiscordDmChannel and TeamsConversation are erased by their channels; SentRoomMessage, DiscordGlobalLimit (the bot's
            // recent requests to Discord, times only) and Data Protection's keys name no one; CounsellorInvite and CounsellorSession
            // hold counsellors' invitations and sign-ins, never a pupil's; Group and
            // GroupRun are the groups and their planned reminders, GroupCounsellor counsellors only, ClosedTrimester a group's closed reviews.)
            Assert.Equal(
                ["BadgeRequest", "ChannelIdentity", "ClosedTrimester", "Contribution", "ConversationRecord", "CounsellorInvite", "CounsellorSession",
                    "DataProtectionKey",
                 "DirectLineActivity", "DirectLineConversation", "DiscordDmChannel", "DiscordGlobalLimit", "Group", "GroupCounsellor", "GroupRun",
                 "GuideProgress", "LinkCode",
                 "LinkLockout", "OutboxMessage", "Person",
                 "ProcessedTurn", "SentReminder", "SentRoomMessage", "TeamsConversation", "TrimesterSelfAssessment"],
                db.Model.GetEntityTypes().Select(e => e.ClrType.Name).Order());
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.ChannelIdentities.CountAsync());
            Assert.Equal(0, await db.Contributions.CountAsync());
            Assert.Equal(0, await db.BadgeRequests.CountAsync());
            Assert.Equal(0, await db.GuideProgress.CountAsync());
            Assert.Equal(0, await db.Conversations.CountAsync());
            Assert.Equal(0, await db.SentReminders.CountAsync());
            Assert.Equal(0, await db.TrimesterSelfAssessments.CountAsync());
            Assert.Equal(0, await db.Outbox.CountAsync());
            Assert.Equal(0, await db.LinkCodes.CountAsync());
            Assert.Equal(0, await db.LinkLockouts.CountAsync());
            // The answers kept for retried deliveries went with the conversations; only the erasure's own confirmation is left.
            var kept = Assert.Single(await db.ProcessedTurns.ToListAsync());
            Assert.Equal("C'est fait : j'ai effacé toutes tes données. Si tu m'écris de nouveau, ce sera comme une première fois.",
                Assert.IsType<TextReply>(Assert.Single(ReplyJson.Read(kept.Replies))).Text);
        });

        // Writing again is a first contact.
        Assert.StartsWith("Salut ! 👋", (await Bot.SayAsync("salut"))[0]);
    }

    [Fact]
    public async Task Erasure_BlanksWhatTheCounsellorWasAnsweredAboutThePupil_AndAlertsNamingThem()
    {
        foreach (var turn in new[] { "/badges", "citoyen", "Je viens tous les vendredis" }) await Bot.SayAsync(turn);
        await Bot.CounsellorSaysAsync("bonjour");
        await Bot.CounsellorSaysAsync("/demandes"); // her answer quotes Léa's request, kept a day for a retried delivery
        await Bot.WithDbAsync(async db =>
        {
            Assert.Contains(await db.ProcessedTurns.Select(t => t.Replies).ToListAsync(), r => r.Contains("Je viens tous les vendredis"));
            var lea = await db.People.SingleAsync(p => p.Identities.Any(i => i.ExternalId == DialogHarness.UserId));
            // An alert to the counsellors that names Léa, still waiting to go out.
            db.Outbox.Add(new Bot.Dialogs.Notices.OutboxMessage
            {
                Channel = "test", Recipient = DialogHarness.CounsellorId, AboutPersonId = lea.Id, Replies = "[{\"$kind\":\"text\",\"Text\":\"Léa\"}]",
                NextAttemptAt = DateTime.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        });

        await Bot.SayAsync("supprimer mes données");
        await Bot.SayAsync("oui");

        await Bot.WithDbAsync(async db =>
        {
            Assert.DoesNotContain(await db.ProcessedTurns.Select(t => t.Replies).ToListAsync(), r => r.Contains("vendredis") || r.Contains("Léa"));
            Assert.False(await db.Outbox.AnyAsync());
        });
    }
}
