using System.Text.Json.Nodes;

namespace Bot.Channels.WebChat;

/// <summary>Direct Line's error shape: {"error": {"code", "message"}}.</summary>
internal static class DirectLineErrors
{
    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Il manque l'autorisation (Bearer).");
    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "Forbidden", message);
    public static IResult NotFound(string message = "Cette conversation n'existe pas ou est terminée.") =>
        Error(StatusCodes.Status404NotFound, "NotFound", message);
    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);
    public static IResult Conflict() => Error(StatusCodes.Status409Conflict, "Conflict", "Trop de messages en même temps : réessaie.");

    private static IResult Error(int status, string code, string message) =>
        Results.Content(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(),
            "application/json", statusCode: status);
}
