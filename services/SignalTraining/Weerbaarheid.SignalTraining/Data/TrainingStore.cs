using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Courses;
using Weerbaarheid.SignalTraining.Domain.Enrolments;

namespace Weerbaarheid.SignalTraining.Data;

/// <summary>A cohort with its seats taken and waitlist length.</summary>
public sealed record CohortView(Cohort Cohort, int SeatsTaken, int Waitlisted);

/// <summary>An enrolment with its place on the waitlist (0 when not waitlisted).</summary>
public sealed record EnrolmentView(Enrolment Enrolment, int WaitlistPosition);

/// <summary>
/// Cohorts and enrolments in the database: every change that touches seats runs in one transaction with the
/// cohort locked (<see cref="LockCohortAsync"/>), so concurrent applications, cancellations and intakes see
/// each other's seats, and the events they cause (EnrolmentPromoted, CertificateIssued) commit with them.
/// </summary>
public sealed class TrainingStore(SignalTrainingDbContext db, CourseCatalogue courses, IClock clock)
{
    private const int DefaultCohortPage = 50;
    private const int MaximumCohortPage = 100;
    private const int DefaultEnrolmentPage = 100;
    private const int MaximumEnrolmentPage = 500;

    public Instant Now => clock.GetCurrentInstant();

    public async Task<(IReadOnlyList<CohortView> Cohorts, string NextPageToken)> ListCohortsAsync(
        string? courseName, bool showEnded, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize is >= 0 and <= MaximumCohortPage, "page_size", $"At most {MaximumCohortPage}.");
        var course = courses.Named(courseName, "parent");
        var fingerprint = $"cohorts:{course.Code}:{showEnded}";
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        validation.ThrowIfInvalid();

        var now = Now;
        var query = db.Cohorts.AsNoTracking().Where(c => c.CourseCode == course.Code);
        if (!showEnded)
        {
            query = query.Where(c => c.EndsAt > now);
        }

        // A course has tens of cohorts, not thousands: ordered and paged here, by first day then id.
        var all = (await query.ToListAsync(cancellationToken)).OrderBy(c => c.StartsAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var from = after is null ? 0 : all.FindIndex(c => PageKey(c) == after) + 1;
        var size = pageSize == 0 ? DefaultCohortPage : pageSize;
        var (page, next) = PageTokens.Page(all.Skip(from).Take(size + 1).ToList(), size, PageKey, fingerprint);
        return (await WithSeatsAsync(page, cancellationToken), next);
    }

    public async Task<CohortView> GetCohortAsync(string? name, string field, CancellationToken cancellationToken)
    {
        var cohort = await FindCohortAsync(name, field, tracked: false, cancellationToken);
        return (await WithSeatsAsync([cohort], cancellationToken))[0];
    }

    /// <summary>Plans a cohort; <paramref name="validation"/> may hold violations found reading the request already.</summary>
    public async Task<CohortView> CreateCohortAsync(
        string? courseName, string? cohortId, CohortPlan plan, Validation validation, CancellationToken cancellationToken)
    {
        var code = CourseCodeOf(courseName);
        validation.Require(code is not null, "parent", "A course is named courses/{code}, e.g. courses/tco-basic-training.");
        if (!string.IsNullOrEmpty(cohortId))
        {
            validation.Require(Cohort.IsValidId(cohortId), "cohort_id", "Lowercase letters, digits and hyphens, 1 to 63 characters.");
        }

        Cohort.Validate(plan, "cohort", validation);
        validation.ThrowIfInvalid();
        var course = courses.Find(code!) ?? throw new NotFoundException(courseName!);

        var now = Now;
        var id = string.IsNullOrEmpty(cohortId) ? GeneratedId(plan) : cohortId;
        validation.Require(plan.Sessions.All(s => s.Interval(Cohort.Zone).Start > now), "cohort.sessions", "A new cohort's sessions are in the future.");
        validation.ThrowIfInvalid();
        if (await db.Cohorts.AnyAsync(c => c.CourseCode == course.Code && c.Id == id, cancellationToken))
        {
            throw new AlreadyExistsException(Cohort.NameOf(course.Code, id));
        }

        var cohort = Cohort.Plan(course, id, plan, now);
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync(cancellationToken);
        return new CohortView(cohort, 0, 0);
    }

    /// <summary>
    /// Changes what a trainer sets (the paths of <paramref name="changes"/> decide which). A larger capacity gives
    /// the new seats to the waitlist; a capacity below the seats taken, or other sessions once attendance was
    /// recorded, would break what people were promised and is refused.
    /// </summary>
    public async Task<CohortView> UpdateCohortAsync(
        string? name, string? etag, Func<CohortPlan, CohortPlan> changes, Validation validation, CancellationToken cancellationToken)
    {
        validation.Require(Cohort.Parse(name) is not null, "cohort.name", "A cohort is named courses/{code}/cohorts/{cohort}.");
        validation.ThrowIfInvalid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cohort = await LockCohortAsync(name, "cohort.name", cancellationToken);
        if (!string.IsNullOrEmpty(etag) && etag != Etag(cohort.Version))
        {
            throw new EtagMismatchException(cohort.Name);
        }

        var current = new CohortPlan(cohort.Title, cohort.Sessions, cohort.Location, cohort.Trainers, cohort.Capacity, cohort.IntakeRequired);
        var plan = changes(current);
        Cohort.Validate(plan, "cohort", validation);
        validation.ThrowIfInvalid();

        var enrolments = await db.Enrolments.Where(e => e.CourseCode == cohort.CourseCode && e.CohortId == cohort.Id).ToListAsync(cancellationToken);
        var seatsTaken = enrolments.Count(e => e.HoldsSeat);
        if (plan.Capacity < seatsTaken)
        {
            throw new PreconditionFailedException(
                $"{cohort.Name} has {seatsTaken} seats taken; its capacity cannot go below that. Cancel enrolments first.");
        }

        var sessionsChanged = !plan.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).SequenceEqual(cohort.Sessions);
        if (sessionsChanged && enrolments.Any(e => e.Attendance.Count > 0))
        {
            throw new PreconditionFailedException($"Attendance has been recorded for {cohort.Name}; its sessions can no longer change.");
        }

        cohort.Apply(plan, Now);
        PublishPromotions(CohortEnrolment.FillFreeSeats(cohort, enrolments, Now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CohortView(cohort, enrolments.Count(e => e.HoldsSeat), enrolments.Count(e => e.State == EnrolmentState.Waitlisted));
    }

    /// <summary>
    /// Applies the caller for a cohort. Eligibility is checked first, from the caller's roles and answers, which
    /// are not kept. Then the application is numbered and seated with the cohort locked: of any number of
    /// concurrent applications for the last seats, exactly the seats left are given, in the order the
    /// applications took the lock; the rest wait in that order.
    /// </summary>
    public async Task<EnrolmentView> ApplyAsync(
        string? cohortName, Caller caller, IReadOnlyList<(string Question, bool Yes)> answers, CancellationToken cancellationToken)
    {
        var found = await FindCohortAsync(cohortName, "cohort", tracked: false, cancellationToken);
        var course = courses.Find(found.CourseCode) ?? throw new InvalidOperationException($"{found.Name}: its course is not defined.");
        Eligibility.Check(course, caller.Roles, answers).ThrowIfNotEligible(course);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cohort = await LockCohortAsync(found.Name, "cohort", cancellationToken);
        var seatsTaken = await db.Enrolments.CountAsync(e => e.CourseCode == cohort.CourseCode && e.CohortId == cohort.Id
            && (e.State == EnrolmentState.IntakePending || e.State == EnrolmentState.Confirmed || e.State == EnrolmentState.Completed), cancellationToken);
        var existing = await db.Enrolments.SingleOrDefaultAsync(
            e => e.CourseCode == cohort.CourseCode && e.CohortId == cohort.Id && e.EmployeeId == caller.EmployeeId, cancellationToken);
        var enrolment = CohortEnrolment.Admit(cohort, caller.EmployeeId, seatsTaken, existing, Now);
        if (existing is null)
        {
            db.Enrolments.Add(enrolment);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EnrolmentView(enrolment, await WaitlistPositionAsync(enrolment, cancellationToken));
    }

    /// <summary>Checks eligibility for a course without applying; nothing is stored.</summary>
    public Eligibility CheckEligibility(string? courseName, Caller caller, IReadOnlyList<(string Question, bool Yes)> answers)
    {
        var course = courses.Named(courseName, "course");
        return Eligibility.Check(course, caller.Roles, answers);
    }

    public async Task<EnrolmentView> GetEnrolmentAsync(string name, CancellationToken cancellationToken)
    {
        var (courseCode, cohortId, employeeId) = ParseEnrolment(name, "name");
        var enrolment = await db.Enrolments.AsNoTracking()
            .SingleOrDefaultAsync(e => e.CourseCode == courseCode && e.CohortId == cohortId && e.EmployeeId == employeeId, cancellationToken)
            ?? throw new NotFoundException(name);
        return new EnrolmentView(enrolment, await WaitlistPositionAsync(enrolment, cancellationToken));
    }

    public async Task<(IReadOnlyList<EnrolmentView> Enrolments, string NextPageToken)> ListEnrolmentsAsync(
        string? cohortName, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize is >= 0 and <= MaximumEnrolmentPage, "page_size", $"At most {MaximumEnrolmentPage}.");
        var parsed = Cohort.Parse(cohortName);
        validation.Require(parsed is not null, "parent", "A cohort is named courses/{code}/cohorts/{cohort}.");
        var fingerprint = $"enrolments:{cohortName}";
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        validation.ThrowIfInvalid();
        var cohort = await FindCohortAsync(cohortName, "parent", tracked: false, cancellationToken);

        var all = await db.Enrolments.AsNoTracking()
            .Where(e => e.CourseCode == cohort.CourseCode && e.CohortId == cohort.Id)
            .OrderBy(e => e.ApplicationNumber)
            .ToListAsync(cancellationToken);
        var afterNumber = after is null ? 0 : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
        var size = pageSize == 0 ? DefaultEnrolmentPage : pageSize;
        var (page, next) = PageTokens.Page(
            all.Where(e => e.ApplicationNumber > afterNumber).Take(size + 1).ToList(), size,
            e => e.ApplicationNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), fingerprint);
        return (page.Select(e => new EnrolmentView(e, CohortEnrolment.WaitlistPosition(e, all))).ToArray(), next);
    }

    public async Task<IReadOnlyList<EnrolmentView>> ListEnrolmentsOfAsync(string employeeId, CancellationToken cancellationToken)
    {
        var mine = await db.Enrolments.AsNoTracking().Where(e => e.EmployeeId == employeeId).ToListAsync(cancellationToken);
        var views = new List<EnrolmentView>();
        foreach (var enrolment in mine.OrderByDescending(e => e.AppliedAt))
        {
            views.Add(new EnrolmentView(enrolment, await WaitlistPositionAsync(enrolment, cancellationToken)));
        }

        return views;
    }

    /// <summary>Records the intake; an unsuitable applicant's seat goes to the first on the waitlist.</summary>
    public Task<EnrolmentView> RecordIntakeAsync(string name, IntakeOutcome outcome, string? etag, CancellationToken cancellationToken) =>
        ChangeEnrolmentAsync(name, etag, (enrolment, _) => enrolment.RecordIntake(outcome, Now), cancellationToken);

    /// <summary>Cancels an enrolment; a freed seat goes to the first on the waitlist.</summary>
    public Task<EnrolmentView> CancelAsync(string name, string? etag, CancellationToken cancellationToken) =>
        ChangeEnrolmentAsync(name, etag, (enrolment, _) => enrolment.Cancel(Now), cancellationToken);

    /// <summary>Completes an enrolment and issues the certificate, announced as CertificateIssued in the same commit.</summary>
    public async Task<(EnrolmentView Enrolment, Certificate Certificate)> CompleteAsync(string name, string? etag, CancellationToken cancellationToken)
    {
        Certificate? issued = null;
        var view = await ChangeEnrolmentAsync(name, etag, (enrolment, cohort) =>
        {
            var course = courses.Find(cohort.CourseCode) ?? throw new InvalidOperationException($"{cohort.Name}: its course is not defined.");
            var now = Now;
            issued = Certificate.Issue(course, cohort.Id, enrolment.EmployeeId, Guid.CreateVersion7().ToString("N"), now);
            enrolment.Complete(cohort, issued.Id, now);
            db.Certificates.Add(issued);
            db.Publish(new CertificateIssued(issued.Id, issued.EmployeeId, issued.CourseCode,
                issued.ValidFrom.ToDateTimeOffset(), issued.ValidUntil.ToDateTimeOffset()));
        }, cancellationToken);
        return (view, issued!);
    }

    /// <summary>
    /// Records one session's register: <paramref name="present"/> and <paramref name="absent"/> are employee
    /// numbers of confirmed participants. The register is kept on the day: a session whose date has not come
    /// yet cannot have attendance.
    /// </summary>
    public async Task<IReadOnlyList<EnrolmentView>> RecordAttendanceAsync(
        string? cohortName, string? sessionId, IReadOnlyList<string> present, IReadOnlyList<string> absent, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(Cohort.Parse(cohortName) is not null, "cohort", "A cohort is named courses/{code}/cohorts/{cohort}.");
        validation.Require(!string.IsNullOrEmpty(sessionId), "session", "Name the session (its id, e.g. day-1).");
        validation.Require(present.Count + absent.Count > 0, "present", "Name at least one participant, present or absent.");
        var named = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (list, field, isPresent) in new[] { (present, "present", true), (absent, "absent", false) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(list[i]))
                {
                    validation.Add($"{field}[{i}]", "An employee number is required.");
                }
                else if (!named.TryAdd(list[i], isPresent))
                {
                    validation.Add($"{field}[{i}]", $"{list[i]} is named more than once.");
                }
            }
        }

        validation.ThrowIfInvalid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cohort = await LockCohortAsync(cohortName, "cohort", cancellationToken);
        var session = cohort.FindSession(sessionId!);
        if (session is null)
        {
            throw new ValidationFailedException([new FieldViolation("session",
                $"{cohort.Name} has no session '{sessionId}'; its sessions are {string.Join(", ", cohort.Sessions.Select(s => s.Id))}.")]);
        }

        var today = Now.InZone(Cohort.Zone).Date;
        if (session.Date > today)
        {
            throw new PreconditionFailedException($"Session {session.Id} is on {session.Date:uuuu-MM-dd}; its attendance is recorded on or after that day.");
        }

        var enrolments = await db.Enrolments
            .Where(e => e.CourseCode == cohort.CourseCode && e.CohortId == cohort.Id && named.Keys.Contains(e.EmployeeId))
            .ToDictionaryAsync(e => e.EmployeeId, cancellationToken);
        foreach (var (list, field) in new[] { (present, "present"), (absent, "absent") })
        {
            for (var i = 0; i < list.Count; i++)
            {
                validation.Require(enrolments.TryGetValue(list[i], out var enrolment) && enrolment.State == EnrolmentState.Confirmed,
                    $"{field}[{i}]", $"{list[i]} is not a confirmed participant of {cohort.Name}.");
            }
        }

        validation.ThrowIfInvalid();
        var now = Now;
        foreach (var (employeeId, isPresent) in named)
        {
            enrolments[employeeId].RecordAttendance(session.Id, isPresent, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return named.Keys.Select(id => new EnrolmentView(enrolments[id], 0)).ToArray();
    }

    /// <summary>The course code in <c>courses/{code}</c>, or null.</summary>
    public static string? CourseCodeOf(string? name) =>
        name is not null && name.StartsWith(Course.CollectionPrefix, StringComparison.Ordinal) && name.Length > Course.CollectionPrefix.Length
            && !name[Course.CollectionPrefix.Length..].Contains('/', StringComparison.Ordinal)
            ? name[Course.CollectionPrefix.Length..]
            : null;

    /// <summary>The parts of <c>courses/{code}/cohorts/{cohort}/enrolments/{employee}</c>; INVALID_ARGUMENT otherwise.</summary>
    public static (string CourseCode, string CohortId, string EmployeeId) ParseEnrolment(string? name, string field)
    {
        const string Marker = "/enrolments/";
        var at = name?.LastIndexOf(Marker, StringComparison.Ordinal) ?? -1;
        var cohort = at > 0 ? Cohort.Parse(name![..at]) : null;
        var employeeId = at > 0 ? name![(at + Marker.Length)..] : "";
        if (cohort is null || employeeId.Length is 0 or > 64 || employeeId.Contains('/', StringComparison.Ordinal))
        {
            throw new ValidationFailedException([new FieldViolation(field, "An enrolment is named courses/{code}/cohorts/{cohort}/enrolments/{employee}.")]);
        }

        return (cohort.Value.CourseCode, cohort.Value.CohortId, employeeId);
    }

    public static string Etag(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<EnrolmentView> ChangeEnrolmentAsync(
        string name, string? etag, Action<Enrolment, Cohort> change, CancellationToken cancellationToken)
    {
        var (courseCode, cohortId, employeeId) = ParseEnrolment(name, "name");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cohort = await LockCohortAsync(Cohort.NameOf(courseCode, cohortId), "name", cancellationToken, notFoundName: name);
        var enrolments = await db.Enrolments.Where(e => e.CourseCode == courseCode && e.CohortId == cohortId).ToListAsync(cancellationToken);
        var enrolment = enrolments.SingleOrDefault(e => e.EmployeeId == employeeId) ?? throw new NotFoundException(name);
        enrolment.CheckEtag(etag);
        change(enrolment, cohort);
        PublishPromotions(CohortEnrolment.FillFreeSeats(cohort, enrolments, Now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new EnrolmentView(enrolment, CohortEnrolment.WaitlistPosition(enrolment, enrolments));
    }

    private void PublishPromotions(IEnumerable<Enrolment> promoted)
    {
        foreach (var enrolment in promoted)
        {
            db.Publish(new EnrolmentPromoted(enrolment.Name, enrolment.EmployeeId, enrolment.CourseCode,
                enrolment.State == EnrolmentState.IntakePending ? "INTAKE_PENDING" : "CONFIRMED", enrolment.UpdatedAt.ToDateTimeOffset()));
        }
    }

    /// <summary>
    /// Takes the cohort's row lock for the rest of the transaction, by writing to it, and returns the cohort as
    /// it is now. On PostgreSQL concurrent writers wait for the row; on SQLite the write takes the database's
    /// single write lock. Either way, the seats read after this are the ones this transaction will change.
    /// </summary>
    private async Task<Cohort> LockCohortAsync(string? name, string field, CancellationToken cancellationToken, string? notFoundName = null)
    {
        var parsed = Cohort.Parse(name) ?? throw new ValidationFailedException([new FieldViolation(field, "A cohort is named courses/{code}/cohorts/{cohort}.")]);
        var (courseCode, cohortId) = parsed;
        var locked = await db.Cohorts.Where(c => c.CourseCode == courseCode && c.Id == cohortId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ApplicationCount, c => c.ApplicationCount), cancellationToken);
        if (locked == 0)
        {
            throw new NotFoundException(notFoundName ?? name!);
        }

        return await db.Cohorts.SingleAsync(c => c.CourseCode == courseCode && c.Id == cohortId, cancellationToken);
    }

    private async Task<Cohort> FindCohortAsync(string? name, string field, bool tracked, CancellationToken cancellationToken)
    {
        var parsed = Cohort.Parse(name) ?? throw new ValidationFailedException([new FieldViolation(field, "A cohort is named courses/{code}/cohorts/{cohort}.")]);
        var query = tracked ? db.Cohorts : db.Cohorts.AsNoTracking();
        return await query.SingleOrDefaultAsync(c => c.CourseCode == parsed.CourseCode && c.Id == parsed.CohortId, cancellationToken)
            ?? throw new NotFoundException(name!);
    }

    private async Task<IReadOnlyList<CohortView>> WithSeatsAsync(IReadOnlyList<Cohort> cohorts, CancellationToken cancellationToken)
    {
        if (cohorts.Count == 0)
        {
            return [];
        }

        var courseCode = cohorts[0].CourseCode;
        var ids = cohorts.Select(c => c.Id).ToArray();
        var counts = await db.Enrolments.AsNoTracking()
            .Where(e => e.CourseCode == courseCode && ids.Contains(e.CohortId))
            .GroupBy(e => new { e.CohortId, e.State })
            .Select(g => new { g.Key.CohortId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return cohorts.Select(c => new CohortView(
            c,
            counts.Where(n => n.CohortId == c.Id && n.State is EnrolmentState.IntakePending or EnrolmentState.Confirmed or EnrolmentState.Completed).Sum(n => n.Count),
            counts.Where(n => n.CohortId == c.Id && n.State == EnrolmentState.Waitlisted).Sum(n => n.Count))).ToArray();
    }

    private async Task<int> WaitlistPositionAsync(Enrolment enrolment, CancellationToken cancellationToken) =>
        enrolment.State != EnrolmentState.Waitlisted
            ? 0
            : 1 + await db.Enrolments.CountAsync(e => e.CourseCode == enrolment.CourseCode && e.CohortId == enrolment.CohortId
                && e.State == EnrolmentState.Waitlisted && e.ApplicationNumber < enrolment.ApplicationNumber, cancellationToken);

    private static string PageKey(Cohort cohort) => $"{cohort.StartsAt.ToUnixTimeTicks()}:{cohort.Id}";

    private static string GeneratedId(CohortPlan plan) =>
        $"{plan.Sessions.Min(s => s.Date):uuuu-MM-dd}-{Guid.NewGuid().ToString("N")[..6]}";
}
