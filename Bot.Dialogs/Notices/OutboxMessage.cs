namespace Bot.Dialogs.Notices;

public enum OutboxStatus { Pending, Delivered, Unreachable, Failed }

/// <summary>
/// One message for someone other than the person who spoke (a decision's notice, a reminder, an
/// alert), on one channel. Written in the transaction of the turn or job that decided it, delivered
/// after that commit by the dispatcher, which records the outcome here. The replies are kept only
/// until the message is done with.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The recipient of a message for the counsellors' room.</summary>
    public const string Room = "#room";

    /// <summary>Given by the database, in the order rows were written: one recipient's rows are delivered in this order.</summary>
    public long Id { get; init; }
    /// <summary>The rows of one notice share it: one row at a time, the next channel's once a channel failed the person.</summary>
    public Guid NoticeId { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>The pupil a message to someone else is about (an alert naming them): erased with that pupil.</summary>
    public Guid? AboutPersonId { get; init; }
    public required string Channel { get; init; }
    /// <summary>The person's id on that channel, or <see cref="Room"/>.</summary>
    public required string Recipient { get; init; }
    /// <summary>What it is about ("decision", "friday-reminder"…): the digest lists decisions nobody received.</summary>
    public string? Topic { get; init; }
    public string Replies { get; set; } = "[]";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>An instance delivering it holds it until then: two instances never send the same row at once.</summary>
    public DateTime? LeasedUntil { get; set; }
    /// <summary>Who holds the lease: an instance whose lease was taken over cannot record its outcome (a concurrency token).</summary>
    public Guid? LeaseToken { get; set; }
    public DateTime? DoneAt { get; set; }

    public const int MaxChannelLength = 32, MaxRecipientLength = 128, MaxTopicLength = 40;
}

public enum DeliveryStatus { Delivered, Unreachable, RetryLater }

/// <summary>What became of one attempt to deliver: delivered; unreachable for good (blocked, no DMs); or to try again.</summary>
public readonly record struct Delivery(DeliveryStatus Status, TimeSpan? RetryAfter = null)
{
    public static readonly Delivery Delivered = new(DeliveryStatus.Delivered);
    public static readonly Delivery Unreachable = new(DeliveryStatus.Unreachable);
    public static Delivery Later(TimeSpan? retryAfter = null) => new(DeliveryStatus.RetryLater, retryAfter);
}
