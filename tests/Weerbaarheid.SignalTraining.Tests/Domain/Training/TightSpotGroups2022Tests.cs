using NodaTime;
using NodaTime.Text;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

/// <summary>The four 2022 groups of Colleagues in a tight spot are seeded exactly as the programme published them (domain.md).</summary>
public sealed class TightSpotGroups2022Tests
{
    private static CohortPlan Group(int number) =>
        Assert.Single(CohortSeeder.TightSpotGroups2022, g => g.Id == $"2022-groep-{number}").Plan;

    private static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    [Fact]
    public void There_are_four_groups_of_colleagues_in_a_tight_spot()
    {
        Assert.Equal(
            ["2022-groep-1", "2022-groep-2", "2022-groep-3", "2022-groep-4"],
            CohortSeeder.TightSpotGroups2022.Select(g => g.Id));
        Assert.Equal("collegas-in-de-knel", CohortSeeder.TightSpotCourse);
        Assert.NotNull(Catalogue.Find(CohortSeeder.TightSpotCourse));
    }

    [Theory]
    [InlineData(1, "2022-09-05", "2022-09-06", "2022-09-26", "2022-09-27", "2023-01-09")]
    [InlineData(2, "2022-10-03", "2022-10-04", "2022-10-31", "2022-11-01", "2023-01-16")]
    [InlineData(3, "2022-11-07", "2022-11-08", "2022-11-28", "2022-11-29", "2023-02-06")]
    [InlineData(4, "2022-12-06", "2022-12-07", "2023-01-17", "2023-01-18", "2023-03-07")]
    public void Each_group_has_two_blocks_of_two_days_and_a_supervision_day_on_the_published_dates(
        int number, string block1Day1, string block1Day2, string block2Day1, string block2Day2, string supervision)
    {
        var plan = Group(number);

        Assert.Equal(
            [
                ("day-1", Date(block1Day1), SessionKind.TrainingDay, 1),
                ("day-2", Date(block1Day2), SessionKind.TrainingDay, 1),
                ("day-3", Date(block2Day1), SessionKind.TrainingDay, 2),
                ("day-4", Date(block2Day2), SessionKind.TrainingDay, 2),
                ("supervision-day", Date(supervision), SessionKind.SupervisionDay, 0),
            ],
            plan.Sessions.Select(s => (s.Id, s.Date, s.Kind, s.Block)));
        Assert.All(plan.Sessions, s =>
        {
            Assert.Equal(new LocalTime(9, 0), s.Start);
            Assert.Equal(new LocalTime(17, 0), s.End);
            Assert.Null(s.Location);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_group_is_at_most_12_with_an_intake_in_Baarn(int number)
    {
        var plan = Group(number);

        Assert.Equal(12, plan.Capacity);
        Assert.True(plan.IntakeRequired);
        Assert.Equal("Instituut voor Veiligheid, Tolweg 5, 3741 LM Baarn", plan.Location);
        Assert.NotEmpty(plan.Trainers);
        Assert.Equal($"Groep {number} – najaar 2022", plan.Title.Nl);
        Assert.Equal($"Group {number} – autumn 2022", plan.Title.En);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_group_is_a_valid_plan_whose_blocks_are_consecutive_days_and_supervision_weeks_later(int number)
    {
        var plan = Group(number);
        var validation = new Validation();

        Cohort.Validate(plan, "cohort", validation);

        Assert.Empty(validation.Violations);
        foreach (var block in plan.Sessions.Where(s => s.Kind == SessionKind.TrainingDay).GroupBy(s => s.Block))
        {
            var days = block.Select(s => s.Date).Order().ToArray();
            Assert.Equal(2, days.Length);
            Assert.Equal(days[0].PlusDays(1), days[1]);
        }

        var lastTrainingDay = plan.Sessions.Where(s => s.Kind == SessionKind.TrainingDay).Max(s => s.Date);
        var supervisionDay = Assert.Single(plan.Sessions, s => s.Kind == SessionKind.SupervisionDay).Date;
        Assert.True(Period.Between(lastTrainingDay, supervisionDay, PeriodUnits.Days).Days >= 28);
    }

    [Theory]
    [InlineData(1, "2022-09-05T07:00:00Z", "2023-01-09T16:00:00Z")]
    [InlineData(2, "2022-10-03T07:00:00Z", "2023-01-16T16:00:00Z")]
    [InlineData(3, "2022-11-07T08:00:00Z", "2023-02-06T16:00:00Z")]
    [InlineData(4, "2022-12-06T08:00:00Z", "2023-03-07T16:00:00Z")]
    public void Each_planned_group_runs_from_its_first_morning_to_its_supervision_afternoon(int number, string startsAt, string endsAt)
    {
        var cohort = Cohort.Plan(TightSpot, $"2022-groep-{number}", Group(number), PlannedAt);

        Assert.Equal(InstantPattern.General.Parse(startsAt).Value, cohort.StartsAt);
        Assert.Equal(InstantPattern.General.Parse(endsAt).Value, cohort.EndsAt);
        Assert.Equal($"courses/collegas-in-de-knel/cohorts/2022-groep-{number}", cohort.Name);
    }
}
