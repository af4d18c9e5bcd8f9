using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CohortTests
{
    private static IReadOnlyList<FieldViolation> Violations(CohortPlan plan)
    {
        var validation = new Validation();
        Cohort.Validate(plan, "cohort", validation);
        return validation.Violations;
    }

    [Fact]
    public void A_plan_of_two_blocks_and_a_supervision_day_is_valid()
    {
        Assert.Empty(Violations(Plan()));
    }

    [Fact]
    public void Validate_reports_every_problem_at_once_with_its_field()
    {
        var plan = new CohortPlan(
            new LocalizedText("", "  "),
            [
                TrainingDay("day-1", new LocalDate(2022, 9, 5), 1),
                TrainingDay("day-1", new LocalDate(2022, 9, 6), 1),
                TrainingDay("Day 3", new LocalDate(2022, 9, 26), 2),
                new Session("day-4", new LocalDate(2022, 9, 27), new LocalTime(17, 0), new LocalTime(9, 0), SessionKind.TrainingDay, 2, null),
                new Session("supervision-day", new LocalDate(2022, 9, 20), new LocalTime(9, 0), new LocalTime(17, 0), SessionKind.SupervisionDay, 1, null),
                TrainingDay("day-5", new LocalDate(2022, 9, 28), 0),
            ],
            "",
            [.. Enumerable.Range(1, 20).Select(i => $"Trainer {i}"), " "],
            0,
            true);

        Assert.Equal(
            [
                "cohort.title.nl",
                "cohort.title.en",
                "cohort.location",
                "cohort.capacity",
                "cohort.trainers",
                "cohort.trainers[20]",
                "cohort.sessions[1].id",
                "cohort.sessions[2].id",
                "cohort.sessions[3].end_time",
                "cohort.sessions[4].block",
                "cohort.sessions[5].block",
                "cohort.sessions",
            ],
            Violations(plan).Select(v => v.Field));
        var violations = Violations(plan);
        Assert.Equal("Session id 'day-1' is used more than once.", violations[6].Description);
        Assert.Equal("A supervision day is outside the blocks: block 0.", violations[9].Description);
        Assert.Equal("A training day belongs to a block numbered from 1.", violations[10].Description);
        Assert.Equal("A supervision day comes after the last training day.", violations[11].Description);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    [InlineData(-1, false)]
    public void Capacity_is_1_to_100(int capacity, bool valid)
    {
        var violations = Violations(Plan(capacity: capacity));

        if (valid)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Equal("cohort.capacity", Assert.Single(violations).Field);
        }
    }

    [Fact]
    public void Twenty_trainers_are_allowed_twenty_one_are_too_many()
    {
        var twenty = Plan() with { Trainers = [.. Enumerable.Range(1, 20).Select(i => $"Trainer {i}")] };
        var twentyOne = Plan() with { Trainers = [.. Enumerable.Range(1, 21).Select(i => $"Trainer {i}")] };

        Assert.Empty(Violations(twenty));
        Assert.Equal("cohort.trainers", Assert.Single(Violations(twentyOne)).Field);
    }

    [Theory]
    [InlineData("day-1", true)]
    [InlineData("first-day", true)]
    [InlineData("2022-groep-1", true)]
    [InlineData("", false)]
    [InlineData("Day-1", false)]
    [InlineData("day 1", false)]
    [InlineData("day_1", false)]
    [InlineData("-day", false)]
    [InlineData("day-", false)]
    [InlineData("day--1", false)]
    [InlineData("day-1\n", false)]
    public void Session_and_cohort_ids_are_lowercase_slugs(string id, bool valid)
    {
        Assert.Equal(valid, Cohort.IsValidId(id));

        var sessions = Sessions().Select((s, i) => i == 0 ? s with { Id = id } : s).ToList();
        var violations = Violations(Plan(sessions: sessions));
        if (valid)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Equal("cohort.sessions[0].id", Assert.Single(violations).Field);
        }
    }

    [Fact]
    public void Ids_are_at_most_63_characters()
    {
        Assert.True(Cohort.IsValidId(new string('a', 63)));
        Assert.False(Cohort.IsValidId(new string('a', 64)));
    }

    [Fact]
    public void A_session_that_ends_when_it_starts_is_refused()
    {
        var sessions = Sessions().Select((s, i) => i == 2 ? s with { End = s.Start } : s).ToList();

        Assert.Equal("cohort.sessions[2].end_time", Assert.Single(Violations(Plan(sessions: sessions))).Field);
    }

    [Fact]
    public void A_session_of_no_kind_is_refused()
    {
        var sessions = Sessions().Select((s, i) => i == 1 ? s with { Kind = 0 } : s).ToList();

        Assert.Equal("cohort.sessions[1].kind", Assert.Single(Violations(Plan(sessions: sessions))).Field);
    }

    [Fact]
    public void A_cohort_without_sessions_is_refused_once()
    {
        var violation = Assert.Single(Violations(Plan(sessions: [])));

        Assert.Equal("cohort.sessions", violation.Field);
        Assert.Equal("A cohort has 1 to 60 sessions.", violation.Description);
    }

    [Fact]
    public void More_than_60_sessions_are_refused()
    {
        var sessions = Enumerable.Range(1, 61).Select(i => TrainingDay($"day-{i}", new LocalDate(2022, 9, 1).PlusDays(i), 1)).ToList();

        Assert.Equal("cohort.sessions", Assert.Single(Violations(Plan(sessions: sessions))).Field);
        Assert.Empty(Violations(Plan(sessions: [.. sessions.Take(60)])));
    }

    [Fact]
    public void A_cohort_of_only_a_supervision_day_has_no_training_day()
    {
        var violation = Assert.Single(Violations(Plan(sessions: [SupervisionDay("supervision-day", new LocalDate(2023, 1, 9))])));

        Assert.Equal("cohort.sessions", violation.Field);
        Assert.Equal("A cohort has at least one training day.", violation.Description);
    }

    [Fact]
    public void A_supervision_day_on_the_last_training_day_is_not_after_it()
    {
        var sessions = Sessions().Select(s => s.Kind == SessionKind.SupervisionDay ? s with { Date = new LocalDate(2022, 9, 27) } : s).ToList();

        var violation = Assert.Single(Violations(Plan(sessions: sessions)));
        Assert.Equal("cohort.sessions", violation.Field);
        Assert.Equal("A supervision day comes after the last training day.", violation.Description);

        var dayAfter = Sessions().Select(s => s.Kind == SessionKind.SupervisionDay ? s with { Date = new LocalDate(2022, 9, 28) } : s).ToList();
        Assert.Empty(Violations(Plan(sessions: dayAfter)));
    }

    [Fact]
    public void A_cohort_without_a_supervision_day_is_valid()
    {
        Assert.Empty(Violations(Plan(sessions: [.. Sessions().Where(s => s.Kind == SessionKind.TrainingDay)])));
    }

    [Fact]
    public void Planning_orders_the_sessions_and_keeps_the_first_start_and_last_end_in_Amsterdam_time()
    {
        var sessions = Sessions().Reverse().ToList();

        var cohort = Cohort.Plan(TightSpot, CohortId, Plan(sessions: sessions) with
        {
            Title = new LocalizedText("  Testgroep ", " Test group  "),
            Location = " Baarn ",
            Trainers = [" Esther Neven "],
        }, PlannedAt);

        Assert.Equal(SessionIds, cohort.Sessions.Select(s => s.Id));
        // 09:00 summer time (UTC+2) on the first day, 17:00 winter time (UTC+1) on the supervision day.
        Assert.Equal(Instant.FromUtc(2022, 9, 5, 7, 0), cohort.StartsAt);
        Assert.Equal(Instant.FromUtc(2023, 1, 9, 16, 0), cohort.EndsAt);
        Assert.Equal("courses/collegas-in-de-knel/cohorts/test-groep", cohort.Name);
        Assert.Equal("collegas-in-de-knel", cohort.CourseCode);
        Assert.Equal(new LocalizedText("Testgroep", "Test group"), cohort.Title);
        Assert.Equal("Baarn", cohort.Location);
        Assert.Equal(["Esther Neven"], cohort.Trainers);
        Assert.Equal(12, cohort.Capacity);
        Assert.True(cohort.IntakeRequired);
        Assert.Equal(0, cohort.ApplicationCount);
        Assert.Equal(1, cohort.Version);
        Assert.Equal(PlannedAt, cohort.CreatedAt);
        Assert.Equal(PlannedAt, cohort.UpdatedAt);
    }

    [Fact]
    public void A_session_across_the_end_of_summer_time_lasts_an_hour_longer()
    {
        // 30 October 2022: at 03:00 summer time the clocks go back to 02:00.
        var session = new Session("night", new LocalDate(2022, 10, 30), new LocalTime(1, 0), new LocalTime(5, 0), SessionKind.TrainingDay, 1, null);

        var cohort = Cohort.Plan(TightSpot, CohortId, Plan(sessions: [session]), PlannedAt);

        Assert.Equal(Instant.FromUtc(2022, 10, 29, 23, 0), cohort.StartsAt);
        Assert.Equal(Instant.FromUtc(2022, 10, 30, 4, 0), cohort.EndsAt);
        Assert.Equal(Duration.FromHours(5), cohort.EndsAt - cohort.StartsAt);
    }

    [Fact]
    public void A_session_starting_in_the_skipped_hour_starts_when_summer_time_begins()
    {
        // 26 March 2023: at 02:00 winter time the clocks jump to 03:00; 02:30 does not exist and is read as 03:30.
        var session = new Session("early", new LocalDate(2023, 3, 26), new LocalTime(2, 30), new LocalTime(4, 0), SessionKind.TrainingDay, 1, null);

        var interval = session.Interval(Cohort.Zone);

        Assert.Equal(Instant.FromUtc(2023, 3, 26, 1, 30), interval.Start);
        Assert.Equal(Instant.FromUtc(2023, 3, 26, 2, 0), interval.End);
    }

    [Fact]
    public void Applying_a_new_plan_replaces_it_and_bumps_the_version()
    {
        var cohort = NewCohort();
        var changedAt = PlannedAt + Duration.FromDays(3);
        var later = Sessions().Select(s => s with { Date = s.Date.PlusWeeks(1) }).ToList();

        cohort.Apply(Plan(capacity: 10, intakeRequired: false, sessions: later), changedAt);

        Assert.Equal(2, cohort.Version);
        Assert.Equal(PlannedAt, cohort.CreatedAt);
        Assert.Equal(changedAt, cohort.UpdatedAt);
        Assert.Equal(10, cohort.Capacity);
        Assert.False(cohort.IntakeRequired);
        Assert.Equal(Instant.FromUtc(2022, 9, 12, 7, 0), cohort.StartsAt);
        Assert.Equal(Instant.FromUtc(2023, 1, 16, 16, 0), cohort.EndsAt);
    }

    [Fact]
    public void A_cohort_is_open_until_its_first_session_starts_in_progress_until_its_last_ends_then_ended()
    {
        var cohort = NewCohort();
        var tick = Duration.Epsilon;

        Assert.Equal(CohortState.Open, cohort.StateAt(PlannedAt));
        Assert.Equal(CohortState.Open, cohort.StateAt(FirstDayStarts - tick));
        Assert.Equal(CohortState.InProgress, cohort.StateAt(FirstDayStarts));
        Assert.Equal(CohortState.InProgress, cohort.StateAt(Instant.FromUtc(2022, 11, 1, 12, 0)));
        Assert.Equal(CohortState.InProgress, cohort.StateAt(LastDayEnds - tick));
        Assert.Equal(CohortState.Ended, cohort.StateAt(LastDayEnds));
        Assert.Equal(CohortState.Ended, cohort.StateAt(CompletedAt));
    }

    [Fact]
    public void A_cohort_name_parses_back_into_course_and_cohort()
    {
        var name = Cohort.NameOf("collegas-in-de-knel", "2022-groep-1");

        Assert.Equal("courses/collegas-in-de-knel/cohorts/2022-groep-1", name);
        Assert.Equal(("collegas-in-de-knel", "2022-groep-1"), Cohort.Parse(name));
        Assert.Equal(("collegas-in-de-knel", "test-groep"), Cohort.Parse(NewCohort().Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("courses/collegas-in-de-knel")]
    [InlineData("courses/collegas-in-de-knel/cohorts/")]
    [InlineData("courses//cohorts/groep-1")]
    [InlineData("courses/Collegas/cohorts/groep-1")]
    [InlineData("courses/collegas/cohorts/Groep-1")]
    [InlineData("courses/collegas/cohort/groep-1")]
    [InlineData("/courses/collegas/cohorts/groep-1")]
    [InlineData("courses/collegas/cohorts/groep-1/")]
    [InlineData("courses/collegas/cohorts/groep-1/enrolments/123456")]
    [InlineData("courses/collegas/cohorts/groep_1")]
    [InlineData("courses/collegas/cohorts/groep-1\n")]
    public void What_is_no_cohort_name_does_not_parse(string? name)
    {
        Assert.Null(Cohort.Parse(name));
    }

    [Fact]
    public void Applications_are_numbered_from_one_in_arrival_order()
    {
        var cohort = NewCohort();

        Assert.Equal(1, cohort.NumberNextApplication());
        Assert.Equal(2, cohort.NumberNextApplication());
        Assert.Equal(3, cohort.NumberNextApplication());
        Assert.Equal(3, cohort.ApplicationCount);
        Assert.Equal(1, cohort.Version); // applications are not a trainer's edit
    }

    [Fact]
    public void A_session_is_found_by_its_id()
    {
        var cohort = NewCohort();

        Assert.Equal(new LocalDate(2023, 1, 9), cohort.FindSession("supervision-day")?.Date);
        Assert.Null(cohort.FindSession("day-9"));
    }
}
