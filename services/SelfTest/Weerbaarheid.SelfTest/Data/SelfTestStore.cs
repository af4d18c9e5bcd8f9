using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.Contracts.SelfTest;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SelfTest.Data;

/// <summary>What a page of answers left behind: the count, the items still open, and the result once finished.</summary>
public sealed record SubmitOutcome(int Answered, IReadOnlyList<int> MissingItems, SelfTestResult? Result);

/// <summary>A finished self-test read back by its token, scored again by the version it was taken with.</summary>
public sealed record FinishedSelfTest(AnonymousSelfTest SelfTest, SelfTestResult Result);

/// <summary>
/// Self-tests by token. The token is hashed before every lookup and never logged or stored; an expired
/// self-test is as gone as a deleted one. Finishing counts the completion for the figures and queues
/// its announcement in the same transaction.
/// </summary>
public sealed class SelfTestStore(SelfTestDbContext db, InstrumentCatalogue instruments, IClock clock, IOptions<SelfTestOptions> options)
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private LocalDate Today => clock.GetCurrentInstant().InZone(Amsterdam).Date;

    private IsoWeek ThisWeek => IsoWeek.Of(Today);

    public async Task<(AnonymousSelfTest SelfTest, string Token, Instrument Instrument)> StartAsync(
        string? instrumentName, int version, CancellationToken cancellationToken)
    {
        var instrument = instruments.Named(instrumentName, version, "instrument", "version");
        var (selfTest, token) = AnonymousSelfTest.Start(instrument, ThisWeek, Period.FromDays(options.Value.RetentionDays));
        db.SelfTests.Add(selfTest);
        await db.SaveChangesAsync(cancellationToken);
        return (selfTest, token, instrument);
    }

    public async Task<SubmitOutcome> SubmitAsync(string? token, IReadOnlyList<Answer> answers, bool finish, CancellationToken cancellationToken)
    {
        var selfTest = await FindAsync(token, cancellationToken);
        var instrument = InstrumentOf(selfTest);
        var week = ThisWeek;
        var result = selfTest.Submit(instrument, answers, finish, week);
        if (result is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SubmitOutcome(selfTest.Answers.Count, AnswerRules.Missing(instrument, selfTest.Answers), null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PendingCompletions.Add(new PendingCompletion(Guid.NewGuid(), instrument.Id, result.Band.Id, week.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        await CountCompletionAsync(instrument.Id, result.Band.Id, week.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubmitOutcome(selfTest.Answers.Count, [], result);
    }

    public async Task<FinishedSelfTest> GetResultAsync(string? token, CancellationToken cancellationToken)
    {
        var selfTest = await FindAsync(token, cancellationToken, tracking: false);
        if (!selfTest.IsCompleted)
        {
            var missing = AnswerRules.Missing(InstrumentOf(selfTest), selfTest.Answers);
            throw new PreconditionFailedException(
                $"This self-test is not finished: {missing.Count} item(s) still need an answer, then submit with finish.");
        }

        return new FinishedSelfTest(selfTest, SelfTestScorer.Score(InstrumentOf(selfTest), selfTest.Answers));
    }

    public async Task DeleteAsync(string? token, CancellationToken cancellationToken)
    {
        var selfTest = await FindAsync(token, cancellationToken);
        db.SelfTests.Remove(selfTest);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes every self-test whose expiry day has come; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        return db.SelfTests.Where(s => s.ExpiresOn <= today).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Announces every finished self-test not announced yet, in random order, and forgets them. Only the
    /// rows this transaction deleted are announced, so two replicas never announce one twice.
    /// </summary>
    public async Task<int> ReleaseCompletionsAsync(CancellationToken cancellationToken)
    {
        var pending = await db.PendingCompletions.AsNoTracking().ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var ids = pending.Select(p => p.Id).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.PendingCompletions.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        if (deleted != ids.Length)
        {
            return 0; // another replica is releasing these; rolled back, the next round picks up what is left
        }

        foreach (var completion in pending.OrderBy(_ => Random.Shared.Next()))
        {
            db.Publish(new SelfTestCompleted(completion.InstrumentId, completion.Band, completion.Week));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Counts per instrument, band and week in a range of weeks, small cells suppressed by the caller.</summary>
    public async Task<IReadOnlyList<CompletionCount>> CountsAsync(string? fromWeek, string? toWeek, string? instrumentName, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(IsoWeek.TryParse(fromWeek, out var from), "from_week", "Required: an ISO week such as 2026-W01.");
        validation.Require(IsoWeek.TryParse(toWeek, out var to), "to_week", "Required: an ISO week such as 2026-W52.");
        string? instrumentId = null;
        if (!string.IsNullOrEmpty(instrumentName))
        {
            instrumentId = InstrumentCatalogue.IdOf(instrumentName);
            validation.Require(instrumentId is not null && instruments.Exists(instrumentId), "instrument",
                $"Unknown instrument; use one of {string.Join(", ", instruments.Current.Select(i => i.Name))}, or leave it empty.");
        }

        if (validation.IsValid)
        {
            validation.Require(from.Monday <= to.Monday, "to_week", "Must not be before from_week.");
            validation.Require(Period.Between(from.Monday, to.Monday, PeriodUnits.Weeks).Weeks <= 104, "to_week", "At most 104 weeks after from_week.");
        }

        validation.ThrowIfInvalid();
        var weeks = Enumerable.Range(0, Period.Between(from.Monday, to.Monday, PeriodUnits.Weeks).Weeks + 1)
            .Select(i => from.Plus(i).ToString()).ToArray();
        var query = db.CompletionCounts.AsNoTracking().Where(c => weeks.Contains(c.Week));
        if (instrumentId is not null)
        {
            query = query.Where(c => c.InstrumentId == instrumentId);
        }

        return await query.OrderBy(c => c.Week).ThenBy(c => c.InstrumentId).ThenBy(c => c.Band).ToListAsync(cancellationToken);
    }

    private Task CountCompletionAsync(string instrumentId, string band, string week, CancellationToken cancellationToken) =>
        // One statement on SQLite and PostgreSQL alike, so concurrent completions never lose a count.
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO completion_counts ("InstrumentId", "Band", "Week", "Completions") VALUES ({instrumentId}, {band}, {week}, 1)
            ON CONFLICT ("InstrumentId", "Band", "Week") DO UPDATE SET "Completions" = completion_counts."Completions" + 1
            """,
            cancellationToken);

    private async Task<AnonymousSelfTest> FindAsync(string? token, CancellationToken cancellationToken, bool tracking = true)
    {
        if (!SelfTestToken.IsWellFormed(token))
        {
            throw new ValidationFailedException([new FieldViolation("token", "Required: the 43-character token StartSelfTest returned.")]);
        }

        var hash = SelfTestToken.Hash(token!);
        var query = tracking ? db.SelfTests : db.SelfTests.AsNoTracking();
        var selfTest = await query.SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (selfTest is null || selfTest.IsExpiredOn(Today))
        {
            throw new NotFoundException("A self-test with this token (expired ones are deleted)");
        }

        return selfTest;
    }

    private Instrument InstrumentOf(AnonymousSelfTest selfTest) =>
        instruments.Find(selfTest.InstrumentId, selfTest.InstrumentVersion)
        ?? throw new InvalidOperationException($"{selfTest.InstrumentId} v{selfTest.InstrumentVersion} is no longer shipped; keep old versions while self-tests taken with them exist.");
}
