using System.Text;
using Bot.Channels.Discord;
using NSec.Cryptography;

namespace Bot.Tests.Channels.Discord;

public class DiscordSignatureTests
{
    private static readonly Key Key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private static readonly DiscordSignature Signature = new(Key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    private const string Timestamp = "1795930000";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"1\",\"type\":1}");

    /// <summary>Signs the way Discord does: the timestamp then the raw body.</summary>
    public static string Sign(Key key, string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));

    [Fact]
    public void AValidSignature_Verifies() => Assert.True(Signature.Verify(Sign(Key, Timestamp, Body), Timestamp, Body));

    [Fact]
    public void ATamperedBody_DoesNot() =>
        Assert.False(Signature.Verify(Sign(Key, Timestamp, Body), Timestamp, Encoding.UTF8.GetBytes("{\"id\":\"1\",\"type\":2}")));

    [Fact]
    public void AnotherTimestamp_DoesNot() => Assert.False(Signature.Verify(Sign(Key, Timestamp, Body), "1795930001", Body));

    [Fact]
    public void AnotherKey_DoesNot()
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        Assert.False(Signature.Verify(Sign(other, Timestamp, Body), Timestamp, Body));
    }

    [Fact]
    public void AReserializedBody_DoesNot()
    {
        // Same JSON, other bytes (spaces): the signature covers bytes, not meaning.
        var reserialized = Encoding.UTF8.GetBytes("{ \"id\": \"1\", \"type\": 1 }");
        Assert.False(Signature.Verify(Sign(Key, Timestamp, Body), Timestamp, reserialized));
    }

    [Theory]
    [InlineData(null, Timestamp)]
    [InlineData("", Timestamp)]
    [InlineData("zz", Timestamp)]
    [InlineData("abcd", null)]
    public void MissingOrMalformedHeaders_DoNot(string? signature, string? timestamp) =>
        Assert.False(Signature.Verify(signature == "abcd" ? Sign(Key, Timestamp, Body) : signature, timestamp, Body));
}
