using System.Collections.Concurrent;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>
/// A whole self-test taken by a caller who gives away as much as a browser would: a distinctive
/// User-Agent and an X-Forwarded-For address on every request, distinctive answers in two pages, then the
/// result, a refused page with bad values, an unknown and a malformed token, a deletion, and the release
/// and purge jobs. <see cref="Secrets"/> is everything of it that must never be stored, logged or traced.
/// </summary>
public sealed class AnonymityProbe
{
    public const string UserAgent = "Weerbaarheid-Anonymity-Probe/1.0";
    public const string ForwardedFor = "203.0.113.77";

    /// <summary>PHQ-9 answers, items 1 to 9: a sequence unlikely to appear anywhere by chance.</summary>
    public static readonly int[] Answers = [3, 1, 2, 0, 3, 2, 0, 1, 0];

    private AnonymityProbe(string token, string deletedToken, string unknownToken)
    {
        Token = token;
        DeletedToken = deletedToken;
        UnknownToken = unknownToken;
    }

    /// <summary>The finished self-test's token; it stays in the database (by its hash) until it expires.</summary>
    public string Token { get; }

    /// <summary>A second self-test's token: a page with bad values was refused, then it was deleted.</summary>
    public string DeletedToken { get; }

    /// <summary>A well-formed token nobody was given.</summary>
    public string UnknownToken { get; }

    /// <summary>Not a token at all, sent where one belongs.</summary>
    public const string MalformedToken = "geen-token-maar-wel-vertrouwelijk";

    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["User-Agent"] = UserAgent,
        ["X-Forwarded-For"] = ForwardedFor,
    };

    /// <summary>
    /// Everything that would identify the taker or reveal their answers, in the forms it could be written:
    /// the tokens, the user agent, the address, and the answers as JSON (as stored), as a list and as the
    /// request's own JSON form. The stored hashes are here too: logged with a timestamp, a hash would tie
    /// the stored self-test to a precise moment.
    /// </summary>
    public IReadOnlyList<string> Secrets =>
    [
        Token, DeletedToken, UnknownToken, MalformedToken,
        SelfTestToken.Hash(Token), SelfTestToken.Hash(DeletedToken), SelfTestToken.Hash(UnknownToken),
        UserAgent, "Anonymity-Probe", ForwardedFor,
        JsonSerializer.Serialize(Sheet.Items(Answers)), JsonSerializer.Serialize(Sheet.Items(Answers[..5])),
        string.Join(",", Answers), string.Join(", ", Answers), string.Join(",", Answers[..5]), string.Join(", ", Answers[..5]),
        "\"answers\"", "\"item\"",
    ];

    /// <summary>Takes the whole flow against <paramref name="app"/>; every call is expected to answer as it should.</summary>
    public static async Task<AnonymityProbe> RunAsync(SelfTestApp app)
    {
        await SampleOfferings.PublishAllAsync(app);
        var client = app.WithHeaders(Headers);

        var token = await client.StartAsync("phq-9");
        var page1 = await client.SubmitAsync(token, Sheet.From(1, Answers[..5]));
        var page2 = await client.SubmitAsync(token, Sheet.From(6, Answers[5..]));
        var finished = await client.SubmitAsync(token, [], finish: true);
        Assert.Equal((5, 9, true), (page1.Answered, page2.Answered, finished.Finished));
        var result = await client.ResultAsync(token);
        Assert.Equal(Answers.Sum(), result.Total);
        Assert.Equal(RecommendationSource.LocalCopy, result.RecommendationSource);

        var deleted = await client.StartAsync("gad-7");
        Assert.Equal(["answers[0].value", "answers[1].value"], await Rpc.InvalidFieldsAsync(() =>
            client.SubmitAsync(deleted, new Dictionary<int, int> { [1] = 7, [2] = 8 })));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => client.ResultAsync(deleted));
        await client.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = deleted });

        var unknown = SelfTestToken.New();
        await Rpc.FailsAsync(StatusCode.NotFound, () => client.ResultAsync(unknown));
        await Rpc.FailsAsync(StatusCode.NotFound, () => client.SubmitAsync(unknown, Sheet.Items(Answers)));
        Assert.Equal(["token"], await Rpc.InvalidFieldsAsync(() => client.SubmitAsync(MalformedToken, Sheet.Items(Answers))));

        await app.ReleaseCompletionsAsync();
        await app.PurgeExpiredAsync();
        await app.SettledAsync();
        return new AnonymityProbe(token, deleted, unknown);
    }

    /// <summary>The secrets found in <paramref name="texts"/>, with the text each was found in.</summary>
    public IReadOnlyList<string> FoundIn(IEnumerable<(string Where, string Text)> texts) =>
        texts.SelectMany(t => Secrets.Where(secret => t.Text.Contains(secret, StringComparison.Ordinal))
                .Select(secret => $"'{secret}' in {t.Where}: {Shorten(t.Text)}"))
            .Distinct()
            .ToList();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>
/// The request headers the service received (a middleware in front of everything), so a test can show
/// that the probe's User-Agent and X-Forwarded-For really reached it before showing they went nowhere.
/// </summary>
public sealed class ReceivedHeaders : IStartupFilter
{
    private readonly ConcurrentQueue<(string UserAgent, string ForwardedFor)> _requests = new();

    public IReadOnlyList<(string UserAgent, string ForwardedFor)> Requests => _requests.ToArray();

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            _requests.Enqueue((context.Request.Headers.UserAgent.ToString(), context.Request.Headers["X-Forwarded-For"].ToString()));
            await proceed();
        });
        next(app);
    };
}
