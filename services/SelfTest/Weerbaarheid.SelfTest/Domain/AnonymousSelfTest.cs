using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>
/// One self-test being taken or taken: the instrument and its version, the answers, and only weeks for
/// time. No person, address or moment is part of it; the hash of its token is its only key. It is
/// deleted on <see cref="ExpiresOn"/>.
/// </summary>
public sealed class AnonymousSelfTest
{
    private AnonymousSelfTest()
    {
        TokenHash = InstrumentId = StartedWeek = string.Empty;
    }

    public string TokenHash { get; private set; }

    public string InstrumentId { get; private set; }

    public int InstrumentVersion { get; private set; }

    /// <summary>Answers by item number.</summary>
    public Dictionary<int, int> Answers { get; private set; } = [];

    public string StartedWeek { get; private set; }

    public string? CompletedWeek { get; private set; }

    /// <summary>The band at completion, kept for the figures (the result itself is scored again on reading).</summary>
    public string? Band { get; private set; }

    /// <summary>
    /// The first day it no longer exists: the start week's Monday plus a week plus the retention, so
    /// every self-test is kept at least the retention period, and the date says no more than the week.
    /// </summary>
    public LocalDate ExpiresOn { get; private set; }

    public bool IsCompleted => CompletedWeek is not null;

    /// <summary>Guards concurrent pages of answers: the second writer gets Aborted and retries.</summary>
    public int Version { get; private set; }

    /// <summary>Starts a self-test; returns it with the token its taker must keep (it is not stored).</summary>
    public static (AnonymousSelfTest SelfTest, string Token) Start(Instrument instrument, IsoWeek week, Period retention)
    {
        var token = SelfTestToken.New();
        var selfTest = new AnonymousSelfTest
        {
            TokenHash = SelfTestToken.Hash(token),
            InstrumentId = instrument.Id,
            InstrumentVersion = instrument.Version,
            StartedWeek = week.ToString(),
            ExpiresOn = week.Monday.PlusWeeks(1).Plus(retention),
        };
        return (selfTest, token);
    }

    public bool IsExpiredOn(LocalDate today) => today >= ExpiresOn;

    /// <summary>
    /// Records a page of answers (later answers to the same item replace earlier ones). With
    /// <paramref name="finish"/> every item must then be answered, and the self-test is completed.
    /// </summary>
    public SelfTestResult? Submit(Instrument instrument, IReadOnlyList<Answer> page, bool finish, IsoWeek week)
    {
        if (IsCompleted)
        {
            throw new PreconditionFailedException("This self-test is finished; its answers can no longer change. Start a new one to answer again.");
        }

        var validation = new Validation();
        foreach (var violation in AnswerRules.CheckPage(instrument, page))
        {
            validation.Add(violation.Field, violation.Description);
        }

        var merged = new Dictionary<int, int>(Answers);
        foreach (var answer in page.Where(a => instrument.HasItem(a.Item)))
        {
            merged[answer.Item] = answer.Value;
        }

        if (finish)
        {
            foreach (var item in AnswerRules.Missing(instrument, merged))
            {
                validation.Add("answers", $"Item {item} is not answered yet; every item needs an answer to finish.");
            }
        }

        validation.ThrowIfInvalid();
        Answers = merged;
        Version++;
        if (!finish)
        {
            return null;
        }

        var result = SelfTestScorer.Score(instrument, Answers);
        CompletedWeek = week.ToString();
        Band = result.Band.Id;
        return result;
    }
}
