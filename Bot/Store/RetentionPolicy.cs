namespace Bot.Store;

/// <summary>
/// How long each table of the store keeps its rows: the one list, checked by a test against the model
/// (a new table without a line here fails it). The deleting is done by the nightly retention job and
/// the channels' <see cref="IRetentionRule"/>s; the defaults are in "Retention" (days).
/// </summary>
public static class RetentionPolicy
{
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["Person"] = "with every row about them, once none of their channel identities was used for ContributionDays (730)",
        ["ChannelIdentity"] = "with its person",
        ["Contribution"] = "ContributionDays (730) after the session",
        ["BadgeRequest"] = "ContributionDays (730) after the request; the issuing address IssueAddressDays (30) after approval at most",
        ["GuideProgress"] = "with its person",
        ["TrimesterSelfAssessment"] = "ContributionDays (730) after its last change",
        ["ConversationRecord"] = "ConversationStateDays (30) after the last turn",
        ["ProcessedTurn"] = "one day",
        ["OutboxMessage"] = "SentReminderDays (90) after delivery or abandon; words blanked at once",
        ["SentReminder"] = "SentReminderDays (90)",
        ["SentRoomMessage"] = "SentReminderDays (90)",
        ["LinkCode"] = "until used or expired (10 minutes)",
        ["LinkLockout"] = "until the lock ends (15 minutes)",
        ["DirectLineConversation"] = "TranscriptDays (90) after its last activity",
        ["DirectLineActivity"] = "TranscriptDays (90); a counsellor's answers only until delivered",
        ["DiscordGlobalLimit"] = "one row per Discord application, overwritten by every send (a time, nothing about anyone)",
        ["DiscordDmChannel"] = "ConversationStateDays (30) after its user is no longer known",
        ["TeamsConversation"] = "ConversationStateDays (30) after its user is no longer known",
        ["CounsellorInvite"] = "30 days after expiry (unused) or revocation",
        ["CounsellorSession"] = "30 days after it ended",
        ["Group"] = "archived, once no pupil, session, request or self-assessment refers to it, ContributionDays (730) after archiving",
        ["GroupCounsellor"] = "with its person or its group",
        ["GroupRun"] = "SentReminderDays (90)",
        ["ClosedTrimester"] = "ContributionDays (730) after the trimester's last day, as its sessions",
        ["DataProtectionKey"] = "deleted once expired for longer than an identity cookie lives (365 days)",
    };
}
