using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>A token is 256 random bits, base64url; only its SHA-256 hash is ever stored.</summary>
public sealed class SelfTestTokenTests
{
    [Fact]
    public void A_new_token_is_well_formed_and_unique()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => SelfTestToken.New()).ToArray();

        Assert.All(tokens, token =>
        {
            Assert.Equal(SelfTestToken.Length, token.Length);
            Assert.True(SelfTestToken.IsWellFormed(token));
            Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        });
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
    }

    public static TheoryData<string?> Malformed => new()
    {
        null,
        string.Empty,
        new string('A', 42),
        new string('A', 44),
        new string('A', 43) + "=",
        "+" + new string('A', 42),
        "/" + new string('A', 42),
        new string('A', 21) + " " + new string('A', 21),
        new string('A', 42) + "!",
        new string('A', 42) + "é",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_token_is_rejected(string? token)
    {
        Assert.False(SelfTestToken.IsWellFormed(token));
    }

    [Fact]
    public void The_hash_is_sha256_hex_and_differs_from_the_token()
    {
        var token = SelfTestToken.New();

        var hash = SelfTestToken.Hash(token);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(token, hash);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(hash, SelfTestToken.Hash(token));
        Assert.NotEqual(hash, SelfTestToken.Hash(SelfTestToken.New()));
    }

    [Fact]
    public void The_hash_is_the_sha256_of_the_token_text()
    {
        // SHA-256("abc"), the FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SelfTestToken.Hash("abc"));
    }
}
