using System.ComponentModel.DataAnnotations;

namespace Bot.Channels.WebChat;

public sealed class WebChatOptions : IValidatableObject
{
    public const int MinimumSecretLength = 32;

    public const string Section = "WebChat";

    /// <summary>
    /// The Direct Line secret. Empty: the app is for this machine only (it listens on localhost and
    /// refuses other addresses). Set: every Direct Line call needs it, or a token made from it.
    /// </summary>
    public string? Secret { get; init; }

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; init; } = 30;

    /// <summary>Web pages on other origins allowed to call the Direct Line endpoint (a site embedding Web Chat).</summary>
    public string[] AllowedOrigins { get; init; } = [];

    /// <summary>
    /// Web chat user ids that are counsellors. An id is trusted only as the user bound to its
    /// conversation; with a secret set, the page's own token service never issues one of these ids.
    /// </summary>
    public string[] CounsellorIds { get; init; } = [];

    public bool IsCounsellor(string userId) => CounsellorIds.Contains(userId, StringComparer.Ordinal);

    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary>The chat's public address (https://…), for the links the command line prints (counsellors' invitations).</summary>
    public string? PublicUrl { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The secret opens everything (counsellors' tokens included): a short one could be guessed.
        if (HasSecret && Secret!.Length < MinimumSecretLength)
            yield return new ValidationResult(
                $"WebChat:Secret has {Secret.Length} characters: it must have at least {MinimumSecretLength}, random "
                + "(for example the output of `openssl rand -base64 32`).", [nameof(Secret)]);
    }
}
