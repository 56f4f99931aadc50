using System.Text.Json;

namespace Bot;

public enum LogFormat { Simple, Json }

/// <summary>appsettings "Logging:Format": how the console writes the logs.</summary>
public sealed class LogFormatOptions
{
    /// <summary>Simple (the default, for people) or Json: one JSON object per line, for a log collector.</summary>
    public LogFormat Format { get; init; } = LogFormat.Simple;
}

internal static class LogFormats
{
    /// <summary>
    /// With Logging:Format=json the console logger writes one JSON object per line (Timestamp in UTC with
    /// milliseconds, LogLevel, Category, Message, State): a collector reads each entry whole, an exception's
    /// stack trace included. Scopes are left out, as before.
    /// </summary>
    public static void AddLogFormat(this WebApplicationBuilder builder)
    {
        LogFormatOptions options;
        try
        {
            options = builder.Configuration.GetSection("Logging").Get<LogFormatOptions>() ?? new();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Logging:Format \"{builder.Configuration["Logging:Format"]}\" is not known: use \"simple\" (the default) or \"json\".");
        }
        if (options.Format != LogFormat.Json) return;
        builder.Logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH':'mm':'ss.fff'Z'";
            json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });
    }
}
