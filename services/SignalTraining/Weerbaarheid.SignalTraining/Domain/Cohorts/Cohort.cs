using System.Text.RegularExpressions;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Courses;

namespace Weerbaarheid.SignalTraining.Domain.Cohorts;

public enum CohortState
{
    /// <summary>Before its first session starts: takes applications.</summary>
    Open = 1,
    InProgress = 2,
    Ended = 3,
}

/// <summary>What a trainer sets when planning or changing a cohort.</summary>
public sealed record CohortPlan(
    LocalizedText Title,
    IReadOnlyList<Session> Sessions,
    string Location,
    IReadOnlyList<string> Trainers,
    int Capacity,
    bool IntakeRequired);

/// <summary>
/// A group that takes a course together: its sessions, place, trainers and capacity. Applications are
/// numbered in arrival order on the cohort (<see cref="ApplicationCount"/>); the seats themselves are the
/// enrolments that hold one, so they can never drift from a counter.
/// </summary>
public sealed partial class Cohort
{
    public const int MaximumCapacity = 100;
    public const int MaximumSessions = 60;
    public const int MaximumTrainers = 20;

    /// <summary>The rota and the training days live in Dutch wall-clock time.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private Cohort()
    {
    }

    public string CourseCode { get; private set; } = "";
    public string Id { get; private set; } = "";
    public string TitleNl { get; private set; } = "";
    public string TitleEn { get; private set; } = "";
    public List<Session> Sessions { get; private set; } = [];
    public string Location { get; private set; } = "";
    public List<string> Trainers { get; private set; } = [];
    public int Capacity { get; private set; }
    public bool IntakeRequired { get; private set; }

    /// <summary>Applications received so far; the next one gets number <c>ApplicationCount + 1</c>.</summary>
    public int ApplicationCount { get; private set; }

    /// <summary>When the first session starts and the last ends (kept for queries by time).</summary>
    public Instant StartsAt { get; private set; }
    public Instant EndsAt { get; private set; }

    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>The etag: changes with every edit by a trainer (not with applications).</summary>
    public int Version { get; private set; }

    public string Name => NameOf(CourseCode, Id);

    public LocalizedText Title => new(TitleNl, TitleEn);

    public static string NameOf(string courseCode, string cohortId) => $"{Course.CollectionPrefix}{courseCode}/cohorts/{cohortId}";

    /// <summary>The course code and cohort id in <c>courses/{code}/cohorts/{id}</c>, or null.</summary>
    public static (string CourseCode, string CohortId)? Parse(string? name)
    {
        var match = name is null ? null : NamePattern().Match(name);
        return match is { Success: true } ? (match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    public static bool IsValidId(string id) => IdPattern().IsMatch(id) && id.Length <= 63;

    public static Cohort Plan(Course course, string id, CohortPlan plan, Instant now)
    {
        var cohort = new Cohort { CourseCode = course.Code, Id = id, CreatedAt = now };
        cohort.Apply(plan, now);
        return cohort;
    }

    public CohortState StateAt(Instant now) => now < StartsAt ? CohortState.Open : now < EndsAt ? CohortState.InProgress : CohortState.Ended;

    /// <summary>Numbers the next application; called with the cohort locked, so numbers follow arrival.</summary>
    public int NumberNextApplication() => ++ApplicationCount;

    /// <summary>Replaces what a trainer sets; the caller has checked the plan and what it would break.</summary>
    public void Apply(CohortPlan plan, Instant now)
    {
        TitleNl = plan.Title.Nl.Trim();
        TitleEn = plan.Title.En.Trim();
        Sessions = plan.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).ToList();
        Location = plan.Location.Trim();
        Trainers = plan.Trainers.Select(t => t.Trim()).ToList();
        Capacity = plan.Capacity;
        IntakeRequired = plan.IntakeRequired;
        StartsAt = Sessions.Min(s => s.Interval(Zone).Start);
        EndsAt = Sessions.Max(s => s.Interval(Zone).End);
        UpdatedAt = now;
        Version++;
    }

    public Session? FindSession(string id) => Sessions.FirstOrDefault(s => s.Id == id);

    /// <summary>Every problem with a plan, with the field paths of a request under <paramref name="prefix"/> (e.g. <c>cohort</c>).</summary>
    public static void Validate(CohortPlan plan, string prefix, Validation validation)
    {
        validation.Require(!string.IsNullOrWhiteSpace(plan.Title.Nl) && plan.Title.Nl.Length <= 200, $"{prefix}.title.nl", "A Dutch title of at most 200 characters is required.");
        validation.Require(!string.IsNullOrWhiteSpace(plan.Title.En) && plan.Title.En.Length <= 200, $"{prefix}.title.en", "An English title of at most 200 characters is required.");
        validation.Require(!string.IsNullOrWhiteSpace(plan.Location) && plan.Location.Length <= 300, $"{prefix}.location", "A location of at most 300 characters is required.");
        validation.Require(plan.Capacity is >= 1 and <= MaximumCapacity, $"{prefix}.capacity", $"Capacity is 1 to {MaximumCapacity}.");
        validation.Require(plan.Trainers.Count <= MaximumTrainers, $"{prefix}.trainers", $"At most {MaximumTrainers} trainers.");
        for (var i = 0; i < plan.Trainers.Count; i++)
        {
            validation.Require(!string.IsNullOrWhiteSpace(plan.Trainers[i]) && plan.Trainers[i].Length <= 100, $"{prefix}.trainers[{i}]", "A trainer's name of at most 100 characters.");
        }

        validation.Require(plan.Sessions.Count is >= 1 and <= MaximumSessions, $"{prefix}.sessions", $"A cohort has 1 to {MaximumSessions} sessions.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Sessions.Count; i++)
        {
            var session = plan.Sessions[i];
            var at = $"{prefix}.sessions[{i}]";
            if (!IsValidId(session.Id))
            {
                validation.Add($"{at}.id", "A session id is lowercase letters, digits and hyphens, at most 63 characters (e.g. day-1).");
            }
            else if (!seen.Add(session.Id))
            {
                validation.Add($"{at}.id", $"Session id '{session.Id}' is used more than once.");
            }

            validation.Require(session.End > session.Start, $"{at}.end_time", "A session ends after it starts, on the same day.");
            validation.Require(session.Kind is SessionKind.TrainingDay or SessionKind.SupervisionDay, $"{at}.kind", "Say whether it is a training day or a supervision day.");
            if (session.Kind == SessionKind.TrainingDay)
            {
                validation.Require(session.Block is >= 1 and <= MaximumSessions, $"{at}.block", "A training day belongs to a block numbered from 1.");
            }
            else if (session.Kind == SessionKind.SupervisionDay)
            {
                validation.Require(session.Block == 0, $"{at}.block", "A supervision day is outside the blocks: block 0.");
            }

            validation.Require(session.Location is null || session.Location.Length <= 300, $"{at}.location", "A location of at most 300 characters.");
        }

        var trainingDays = plan.Sessions.Where(s => s.Kind == SessionKind.TrainingDay).ToList();
        validation.Require(trainingDays.Count > 0 || plan.Sessions.Count == 0, $"{prefix}.sessions", "A cohort has at least one training day.");
        if (trainingDays.Count > 0 && plan.Sessions.Where(s => s.Kind == SessionKind.SupervisionDay).Any(s => s.Date <= trainingDays.Max(t => t.Date)))
        {
            validation.Add($"{prefix}.sessions", "A supervision day comes after the last training day.");
        }
    }

    // \z, not $: $ also matches before a final newline, which would let "groep-1\n" through.
    [GeneratedRegex(@"^courses/([a-z0-9]+(?:-[a-z0-9]+)*)/cohorts/([a-z0-9]+(?:-[a-z0-9]+)*)\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex IdPattern();
}
