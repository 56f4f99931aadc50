using Bot.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// The floor: receive a message (a Direct Line activity's POST), store one row in one EF Core transaction, answer its id.
// The SQLite file is opened as the bot's store opens its own: WAL, then at each connection open synchronous=FULL and
// secure_delete (the store's interceptor, linked), writers queued in the store's gate. No other service, no middleware.
var builder = WebApplication.CreateSlimBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Floor") ?? "Data Source=floor.db";
builder.Services.AddDbContext<FloorDb>(options => options.UseSqlite(connectionString).AddInterceptors(SqliteSynchronousFull.Instance));
var app = builder.Build();
var gate = new SqliteWriteGate();

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<FloorDb>();
    await db.Database.EnsureCreatedAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

app.MapPost("/v3/directline/conversations/{conversationId}/activities", async (string conversationId, Activity activity, FloorDb db,
    CancellationToken ct) =>
{
    var message = new Message { Conversation = conversationId, From = activity.From?.Id ?? "", Text = activity.Text ?? "", ReceivedAt = DateTimeOffset.UtcNow };
    await using (await gate.EnterAsync(ct))
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Messages.Add(message);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
    return Results.Json(new Answer($"{conversationId}|{message.Id:D7}"));
});

// Ready, and how its connections are set (FloorTests compare them with the bot's store).
app.MapGet("/", async (FloorDb db, CancellationToken ct) =>
{
    await db.Database.OpenConnectionAsync(ct);
    var settings = new Dictionary<string, string>();
    foreach (var pragma in new[] { "journal_mode", "synchronous", "secure_delete", "foreign_keys", "busy_timeout" })
    {
        await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        settings[pragma] = Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
    return Results.Json(settings);
});

app.Run();

internal sealed record Activity(string? Type, Account? From, string? Text);
internal sealed record Account(string? Id);
internal sealed record Answer(string Id);

internal sealed class Message
{
    public long Id { get; set; }
    public required string Conversation { get; set; }
    public required string From { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();
}
