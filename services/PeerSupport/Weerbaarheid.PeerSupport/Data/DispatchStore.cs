using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;
using Dispatch = Weerbaarheid.PeerSupport.Domain.Dispatch.Dispatch;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>
/// Dispatches and cases as stored. Loads the pools the <see cref="SupporterSelector"/> chooses from, applies
/// the domain's changes and saves each together with its events (outbox) and its offer-feed lines, in one
/// transaction. Every change carries the aggregate's version, so when two replicas (or an answer and a
/// deadline) race on one dispatch or case, exactly one wins and the other sees a concurrency conflict.
/// </summary>
public sealed class DispatchStore(PeerSupportDbContext db, RotaStore rota, IClock clock, IOptions<DispatchOptions> options, OfferFeed feed,
    ILogger<DispatchStore> logger)
{
    public const int MaxColleagues = 50;

    private DispatchOptions Options => options.Value;

    public Instant Now => clock.GetCurrentInstant();

    // ---- requesting support ----

    /// <summary>
    /// One dispatch per colleague, each offered to the first in line; a colleague already requested by the
    /// same source for the same incident gets the dispatch made then (idempotent).
    /// </summary>
    public async Task<IReadOnlyList<Dispatch>> RequestSupportAsync(SupportRequest request, IReadOnlyList<ColleagueDetails> colleagues,
        CancellationToken cancellationToken)
    {
        var dispatches = new List<Dispatch>(colleagues.Count);
        foreach (var colleague in colleagues)
        {
            dispatches.Add(await RequestOneAsync(request, colleague, cancellationToken));
        }

        return dispatches;
    }

    private async Task<Dispatch> RequestOneAsync(SupportRequest request, ColleagueDetails colleague, CancellationToken cancellationToken)
    {
        if (await FindRequestedAsync(request, colleague.EmployeeId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = Now;
        var choice = await ChooseAsync(request.Region, colleague, request.InvolvedMembers, new HashSet<string>(), now, cancellationToken);
        var dispatch = Dispatch.Start(Guid.NewGuid(), request, colleague, choice, Options.AcceptanceWindows(), now);
        db.Dispatches.Add(dispatch);
        try
        {
            await SaveAsync(dispatch, Before.New, cause: "", cancellationToken);
            return dispatch;
        }
        catch (DbUpdateException)
        {
            // The same request raced in on another call or replica and won the unique key: return its dispatch.
            db.ChangeTracker.Clear();
            var winner = await FindRequestedAsync(request, colleague.EmployeeId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }
    }

    private Task<Dispatch?> FindRequestedAsync(SupportRequest request, string colleagueId, CancellationToken cancellationToken) =>
        db.Dispatches.AsNoTracking().SingleOrDefaultAsync(d => d.Source == request.Source && d.IncidentReference == request.IncidentReference
            && d.ColleagueId == colleagueId && d.AnonymisedAt == null, cancellationToken);

    // ---- answering ----

    public async Task<(Dispatch Dispatch, SupportCase Case)> AcceptAsync(Guid id, string memberId, CancellationToken cancellationToken)
    {
        var dispatch = await FindForChangeAsync(id, cancellationToken);
        var before = Before.Of(dispatch);
        var now = Now;
        dispatch.Accept(memberId, now);
        var supportCase = SupportCase.Open(Guid.NewGuid(), dispatch, Options.FollowUpPlan(), now);
        dispatch.CaseOpened(supportCase.Id);
        db.SupportCases.Add(supportCase);
        db.Publish(new CaseOpened(supportCase.Name, dispatch.Name, dispatch.Region.ResourceName(), MemberName(supportCase.SupporterId),
            EnumName(dispatch.Urgency), now.ToDateTimeOffset(), supportCase.FirstContactDue.ToDateTimeOffset()));
        await SaveAsync(dispatch, before, cause: "", cancellationToken);
        return (dispatch, supportCase);
    }

    public async Task<Dispatch> DeclineAsync(Guid id, string memberId, string reason, CancellationToken cancellationToken)
    {
        var dispatch = await FindForChangeAsync(id, cancellationToken);
        var before = Before.Of(dispatch);
        var now = Now;
        // Chosen before the domain checks the answer: a refused decline simply discards the choice.
        var next = await ChooseAsync(dispatch, now, cancellationToken);
        dispatch.Decline(memberId, reason, now, _ => next, Options.AcceptanceWindows());
        await SaveAsync(dispatch, before, cause: "DECLINED", cancellationToken);
        return dispatch;
    }

    /// <summary>
    /// Expires the dispatches whose offer deadline has passed, each to the next in line. Each deadline fires
    /// once: a dispatch another replica (or a last-second answer) changed first is left to that change.
    /// </summary>
    public async Task<int> ExpireDueOffersAsync(CancellationToken cancellationToken)
    {
        var due = await db.Dispatches.AsNoTracking()
            .Where(d => d.CurrentDeadline != null && d.CurrentDeadline <= Now)
            .OrderBy(d => d.CurrentDeadline)
            .Select(d => d.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var dispatch = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            var now = Now;
            if (dispatch?.Current is not { } offer || offer.Deadline > now)
            {
                continue; // answered or escalated meanwhile
            }

            try
            {
                var before = Before.Of(dispatch);
                var next = await ChooseAsync(dispatch, now, cancellationToken);
                if (!dispatch.Expire(offer.Number, now, _ => next, Options.AcceptanceWindows()))
                {
                    continue;
                }

                await SaveAsync(dispatch, before, cause: "EXPIRED", cancellationToken);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another replica fired this deadline, or the member answered at the last moment.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One dispatch that cannot move on must not hold up every other deadline; it is tried again next round.
                logger.LogError(e, "Escalating {Dispatch} failed", dispatch.Name);
            }
        }

        db.ChangeTracker.Clear();
        return expired;
    }

    // ---- cases ----

    public async Task<SupportCase> RecordContactAsync(Guid id, string memberId, Instant contactAt, CancellationToken cancellationToken)
    {
        var supportCase = await FindCaseForChangeAsync(id, cancellationToken);
        var now = Now;
        if (supportCase.RecordContact(memberId, contactAt, now))
        {
            db.Publish(new FirstContactMade(supportCase.Name, supportCase.Region.ResourceName(), MemberName(memberId),
                contactAt.ToDateTimeOffset(), contactAt <= supportCase.FirstContactDue));
        }

        await db.SaveChangesAsync(cancellationToken);
        return supportCase;
    }

    public async Task<SupportCase> CloseCaseAsync(Guid id, string memberId, CaseOutcome outcome, ReferralTarget referral,
        CancellationToken cancellationToken)
    {
        var supportCase = await FindCaseForChangeAsync(id, cancellationToken);
        var now = Now;
        supportCase.Close(memberId, outcome, referral, now);
        var region = supportCase.Region.ResourceName();
        db.Publish(new CaseClosed(supportCase.Name, region, MemberName(memberId), EnumName(outcome), now.ToDateTimeOffset()));
        if (outcome == CaseOutcome.Referred)
        {
            db.Publish(new ReferralRequested(supportCase.Name, region, MemberName(memberId), supportCase.ColleagueId, EnumName(referral),
                now.ToDateTimeOffset()));
        }

        await db.SaveChangesAsync(cancellationToken);
        return supportCase;
    }

    /// <summary>
    /// Case deadlines that passed: a missed first contact alerts the coordinator (FirstContactMissed and a
    /// notification), a follow-up falling due is announced (FollowUpDue). Each once, across replicas.
    /// </summary>
    public async Task<int> AnnounceCaseDeadlinesAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = await db.SupportCases.AsNoTracking()
            .Where(c => c.NextDeadline != null && c.NextDeadline <= now)
            .OrderBy(c => c.NextDeadline)
            .Select(c => c.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            if (await db.SupportCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } supportCase)
            {
                continue;
            }

            var region = supportCase.Region.ResourceName();
            var supporter = MemberName(supportCase.SupporterId);
            if (supportCase.EscalateMissedFirstContact(now))
            {
                var coordinator = (await db.RegionSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Region == supportCase.Region, cancellationToken))
                    ?.CoordinatorId;
                db.Publish(new FirstContactMissed(supportCase.Name, region, supporter, coordinator is null ? null : MemberName(coordinator),
                    supportCase.FirstContactDue.ToDateTimeOffset()));
                if (coordinator is not null)
                {
                    await NotifyAsync("FIRST_CONTACT_MISSED", coordinator, supportCase.Name, supportCase.Region, supportCase.Urgency, null, now,
                        cancellationToken);
                }
            }

            foreach (var (number, dueAt) in supportCase.AnnounceDueFollowUps(now))
            {
                db.Publish(new FollowUpDue(supportCase.Name, region, supporter, number, dueAt.ToDateTimeOffset()));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                announced++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another replica announced it, or the supporter changed the case at that moment: next round.
            }
        }

        db.ChangeTracker.Clear();
        return announced;
    }

    /// <summary>
    /// Removes the colleague's details from cases closed longer than the retention period ago, and from
    /// dispatches that never became a case (and are no longer offered) once as old.
    /// </summary>
    public async Task<int> AnonymiseExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var cutoff = now - Duration.FromTimeSpan(Options.CaseRetention);
        var cases = await db.SupportCases.Where(c => c.AnonymisedAt == null && c.ClosedAt != null && c.ClosedAt < cutoff)
            .Take(500).ToListAsync(cancellationToken);
        var caseDispatchIds = cases.Select(c => c.DispatchId).ToList();
        var dispatches = await db.Dispatches.Where(d => d.AnonymisedAt == null
                && (caseDispatchIds.Contains(d.Id) || (d.CaseId == null && d.CurrentDeadline == null && d.CreatedAt < cutoff)))
            .Take(1000).ToListAsync(cancellationToken);
        foreach (var supportCase in cases)
        {
            supportCase.Anonymise(now);
        }

        foreach (var dispatch in dispatches)
        {
            dispatch.Anonymise(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // another replica is at it; the next round picks up what is left
            return 0;
        }

        db.ChangeTracker.Clear();
        return cases.Count + dispatches.Count;
    }

    // ---- reads ----

    public async Task<Dispatch> GetDispatchAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Dispatches.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new NotFoundException(Dispatch.CollectionPrefix + id.ToString("N"));

    /// <summary>A region's dispatches, or those offered to a member (<paramref name="memberId"/>), newest first.</summary>
    public Task<(IReadOnlyList<Dispatch> Items, string NextPageToken)> ListDispatchesAsync(Region? region, string? memberId,
        DispatchState? state, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var query = db.Dispatches.AsNoTracking();
        query = region is { } r
            ? query.Where(d => d.Region == r)
            : query.Where(d => db.OfferFeed.Any(f => f.MemberId == memberId && f.DispatchId == d.Id));
        if (state is { } only)
        {
            query = query.Where(d => d.State == only);
        }

        return NewestFirst.PageAsync(query, (q, at) => q.Where(d => d.CreatedAt <= at), q => q.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id),
            d => d.CreatedAt, pageSize, pageToken, $"dispatches|{region}|{memberId}|{state}", cancellationToken);
    }

    public async Task<SupportCase> GetCaseAsync(Guid id, CancellationToken cancellationToken) =>
        await db.SupportCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(SupportCase.CollectionPrefix + id.ToString("N"));

    /// <summary>A region's cases, or a supporter's (<paramref name="memberId"/>), newest first.</summary>
    public Task<(IReadOnlyList<SupportCase> Items, string NextPageToken)> ListCasesAsync(Region? region, string? memberId, bool openOnly,
        int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var query = db.SupportCases.AsNoTracking();
        query = region is { } r ? query.Where(c => c.Region == r) : query.Where(c => c.SupporterId == memberId);
        if (openOnly)
        {
            query = query.Where(c => c.ClosedAt == null);
        }

        return NewestFirst.PageAsync(query, (q, at) => q.Where(c => c.OpenedAt <= at), q => q.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id),
            c => c.OpenedAt, pageSize, pageToken, $"cases|{region}|{memberId}|{openOnly}", cancellationToken);
    }

    /// <summary>Audits a coordinator's read of cases: who, which cases, when, through which call.</summary>
    public async Task AuditReadsAsync(IEnumerable<SupportCase> cases, string reader, string via, CancellationToken cancellationToken)
    {
        var now = Now;
        db.CaseReads.AddRange(cases.Select(c => new CaseRead(Guid.NewGuid(), c.Id, reader, via, now)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The offers to <paramref name="memberId"/> after feed position <paramref name="after"/> that are still
    /// open (their dispatch waits for this member's answer), with the feed position read up to.
    /// </summary>
    public async Task<(IReadOnlyList<(OfferFeedEntry Entry, Dispatch Dispatch)> Open, long ReadUpTo)> OpenOffersAsync(
        string memberId, long after, CancellationToken cancellationToken)
    {
        var rows = await (from f in db.OfferFeed.AsNoTracking()
                          join d in db.Dispatches.AsNoTracking() on f.DispatchId equals d.Id
                          where f.MemberId == memberId && f.Sequence > after && d.State != DispatchState.Accepted
                          orderby f.Sequence
                          select new { Entry = f, Dispatch = d })
            .Take(500)
            .ToListAsync(cancellationToken);
        var now = Now;
        var open = rows
            .Where(r => r.Entry.CoordinatorAlert
                ? r.Dispatch.State == DispatchState.CoordinatorAlerted && r.Dispatch.CoordinatorId == memberId
                : r.Dispatch.Current is { } current && current.Number == r.Entry.OfferNumber && current.Deadline > now)
            .Select(r => (r.Entry, r.Dispatch))
            .ToList();
        return (open, rows.Count == 0 ? after : rows[^1].Entry.Sequence);
    }

    // ---- inside ----

    private async Task<Dispatch> FindForChangeAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Dispatches.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new NotFoundException(Dispatch.CollectionPrefix + id.ToString("N"));

    private async Task<SupportCase> FindCaseForChangeAsync(Guid id, CancellationToken cancellationToken) =>
        await db.SupportCases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(SupportCase.CollectionPrefix + id.ToString("N"));

    /// <summary>What a dispatch looked like before a change, to tell which offers and alerts the change made.</summary>
    private sealed record Before(int OfferCount, DispatchState? State)
    {
        public static readonly Before New = new(0, null);

        public static Before Of(Dispatch dispatch) => new(dispatch.Offers.Count, dispatch.State);
    }

    /// <summary>
    /// Saves a changed dispatch with what the change caused: DispatchOffered and a notification per new
    /// offer, DispatchEscalated when an offer was declined or expired, the coordinator's alert, and a feed
    /// line per offer or alert for the streams, numbered in commit order.
    /// </summary>
    private async Task SaveAsync(Dispatch dispatch, Before before, string cause, CancellationToken cancellationToken)
    {
        var now = Now;
        var region = dispatch.Region.ResourceName();
        var urgency = EnumName(dispatch.Urgency);
        var newOffers = dispatch.Offers.Skip(before.OfferCount).Where(o => o.Outcome == OfferOutcome.Pending).ToList();
        var alerted = dispatch is { State: DispatchState.CoordinatorAlerted, CoordinatorId: not null } && before.State != DispatchState.CoordinatorAlerted;

        foreach (var offer in newOffers)
        {
            db.Publish(new DispatchOffered(dispatch.Name, offer.Number, MemberName(offer.MemberId), offer.Region.ResourceName(), urgency,
                offer.OfferedAt.ToDateTimeOffset(), offer.Deadline.ToDateTimeOffset()));
            await NotifyAsync("OFFER", offer.MemberId, dispatch.Name, dispatch.Region, dispatch.Urgency, offer.Deadline, now, cancellationToken);
        }

        if (cause.Length > 0 && before.OfferCount > 0)
        {
            var from = dispatch.Offers[before.OfferCount - 1];
            db.Publish(new DispatchEscalated(dispatch.Name, region, MemberName(from.MemberId), cause,
                newOffers.Count > 0 ? MemberName(newOffers[0].MemberId) : null, alerted,
                dispatch.CoordinatorId is { } c ? MemberName(c) : null, now.ToDateTimeOffset()));
        }

        if (alerted)
        {
            await NotifyAsync("COORDINATOR_ALERT", dispatch.CoordinatorId!, dispatch.Name, dispatch.Region, dispatch.Urgency, null, now,
                cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken); // the version check: a racing change fails here, before any feed line
        var lines = newOffers.Select(o => (o.MemberId, o.Number, Alert: false)).ToList();
        if (alerted)
        {
            lines.Add((dispatch.CoordinatorId!, dispatch.Offers.Count, Alert: true));
        }

        if (lines.Count > 0)
        {
            var first = await NextFeedSequenceAsync(lines.Count, cancellationToken);
            db.OfferFeed.AddRange(lines.Select((line, i) => new OfferFeedEntry
            {
                Sequence = first + i,
                MemberId = line.MemberId,
                DispatchId = dispatch.Id,
                OfferNumber = line.Number,
                CoordinatorAlert = line.Alert,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (lines.Count > 0)
        {
            feed.Poke();
        }
    }

    /// <summary>Takes <paramref name="count"/> feed numbers; the counter row stays locked until commit.</summary>
    private async Task<long> NextFeedSequenceAsync(int count, CancellationToken cancellationToken)
    {
        await db.SequenceCounters.Where(c => c.Name == SequenceCounter.OfferFeed)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Value, c => c.Value + count), cancellationToken);
        var last = await db.SequenceCounters.AsNoTracking().Where(c => c.Name == SequenceCounter.OfferFeed)
            .Select(c => c.Value).SingleAsync(cancellationToken);
        return last - count + 1;
    }

    private async Task NotifyAsync(string kind, string memberId, string subject, Region region, Urgency urgency, Instant? deadline, Instant now,
        CancellationToken cancellationToken)
    {
        var channels = (await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Profile).SingleOrDefaultAsync(cancellationToken))
            ?.NotificationChannels.Select(c => new NotificationAddress(EnumName(c.Kind), c.Address)).ToArray() ?? [];
        db.Publish(new DispatchNotificationRequested(kind, MemberName(memberId), subject, region.ResourceName(), EnumName(urgency),
            deadline?.ToDateTimeOffset(), channels, now.ToDateTimeOffset()));
    }

    private Task<SupporterChoice> ChooseAsync(Dispatch dispatch, Instant at, CancellationToken cancellationToken) =>
        ChooseAsync(dispatch.Region, dispatch.Colleague, dispatch.InvolvedMembers, dispatch.Tried, at, cancellationToken);

    /// <summary>
    /// The line of supporters at <paramref name="at"/>: the home region first; the neighbouring regions are
    /// loaded only when nobody in the home region is left, which gives the same line for less work.
    /// </summary>
    private async Task<SupporterChoice> ChooseAsync(Region region, ColleagueDetails colleague, IReadOnlyList<string> involved,
        IReadOnlySet<string> tried, Instant at, CancellationToken cancellationToken)
    {
        var need = new SupportNeed(region, colleague.EmployeeId, colleague.Team, involved.ToHashSet(), tried);
        var policy = new DispatchPolicy(Options.ExcludeOwnTeam);
        var home = await PoolAsync(region, at, cancellationToken);
        var choice = SupporterSelector.Choose(at, need, home, [], policy);
        if (choice.First is not null)
        {
            return choice;
        }

        var neighbours = new List<RegionPool>();
        foreach (var neighbour in NeighbouringRegions.Of(region))
        {
            neighbours.Add(await PoolAsync(neighbour, at, cancellationToken));
        }

        return SupporterSelector.Choose(at, need, home, neighbours, policy);
    }

    /// <summary>A region's rota with each member's team, open cases, last dispatch and rest after a heavy case.</summary>
    private async Task<RegionPool> PoolAsync(Region region, Instant at, CancellationToken cancellationToken)
    {
        var loaded = await rota.LoadAsync(region, at, cancellationToken);
        var ids = loaded.Members.Keys.ToList();
        var cases = (await db.SupportCases.AsNoTracking()
                .Where(c => ids.Contains(c.SupporterId) && (c.ClosedAt == null || c.OpenedAt > at - Duration.FromDays(365)))
                .Select(c => new { c.SupporterId, c.OpenedAt, c.ClosedAt, c.Urgency })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.SupporterId);
        var rest = Duration.FromTimeSpan(Options.RestAfterHeavyCase);
        var load = loaded.Members.Values.ToDictionary(m => m.Id, m =>
        {
            var own = cases[m.Id].ToList();
            var lastHeavy = own.Where(c => c.Urgency == Urgency.Immediate).Select(c => (Instant?)c.OpenedAt).Max();
            return new MemberLoad(m.Profile.Team, m.Profile.MaxOpenCases, own.Count(c => c.ClosedAt == null),
                own.Select(c => (Instant?)c.OpenedAt).Max(), lastHeavy + rest);
        });
        return new RegionPool(loaded.Rota, load);
    }

    public static string MemberName(string memberId) => Member.CollectionPrefix + memberId;

    /// <summary>An enum value as the contracts spell it: DeclinedByColleague → DECLINED_BY_COLLEAGUE, Within24Hours → WITHIN_24_HOURS.</summary>
    private static string EnumName<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(name.Select((ch, i) =>
            i > 0 && (char.IsUpper(ch) || (char.IsDigit(ch) && !char.IsDigit(name[i - 1]))) ? "_" + ch : ch.ToString())).ToUpperInvariant();
    }
}

/// <summary>
/// Newest-first pages by a creation instant. The token holds the instant of the last item shown and how
/// many items with that same instant were shown, so items created at one instant (a request for several
/// colleagues) are neither skipped nor repeated, and new items arriving meanwhile do not shift the pages.
/// </summary>
internal static class NewestFirst
{
    public static async Task<(IReadOnlyList<T> Items, string NextPageToken)> PageAsync<T>(
        IQueryable<T> query,
        Func<IQueryable<T>, Instant, IQueryable<T>> atOrBefore,
        Func<IQueryable<T>, IQueryable<T>> order,
        Func<T, Instant> createdAt,
        int pageSize,
        string pageToken,
        string fingerprint,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize >= 0, "page_size", "Must not be negative.");
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        Instant? at = null;
        var shownAt = 0;
        if (after is not null)
        {
            var parts = after.Split('|');
            if (parts.Length == 2 && InstantPattern.ExtendedIso.Parse(parts[0]) is { Success: true } parsed
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out shownAt))
            {
                at = parsed.Value;
            }
            else
            {
                validation.Add("page_token", "Not a page token of this list; start again without it.");
            }
        }

        validation.ThrowIfInvalid();
        var size = pageSize == 0 ? RotaStore.DefaultPageSize : Math.Min(pageSize, RotaStore.MaxPageSize);
        if (at is { } before)
        {
            query = atOrBefore(query, before);
        }

        var fetched = await order(query).Skip(shownAt).Take(size + 1).ToListAsync(cancellationToken);
        if (fetched.Count <= size)
        {
            return (fetched, "");
        }

        var page = fetched.Take(size).ToList();
        var last = createdAt(page[^1]);
        var sameInstant = page.Count(item => createdAt(item) == last) + (at == last ? shownAt : 0);
        return (page, PageTokens.Encode(fingerprint, $"{InstantPattern.ExtendedIso.Format(last)}|{sameInstant}"));
    }
}
