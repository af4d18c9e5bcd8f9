using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Courses;

namespace Weerbaarheid.SignalTraining.Data;

/// <summary>
/// The four 2022 groups of Colleagues in a tight spot, as the programme published them: two blocks of two days
/// and a supervision day some weeks later, at the Instituut voor Veiligheid in Baarn, at most 12 participants,
/// an intake first. The published dates have no times; 09:00–17:00 is assumed. A cohort that exists is left
/// alone (a trainer may have edited it).
/// </summary>
internal sealed class CohortSeeder(CourseCatalogue courses, IClock clock) : IDatabaseSeeder<SignalTrainingDbContext>
{
    public const string TightSpotCourse = "collegas-in-de-knel";
    private const string Baarn = "Instituut voor Veiligheid, Tolweg 5, 3741 LM Baarn";
    private static readonly string[] Trainers = ["Esther Neven", "Shielta Ramautarsing"];

    public static IReadOnlyList<(string Id, CohortPlan Plan)> TightSpotGroups2022 { get; } =
    [
        Group(1, [new(2022, 9, 5), new(2022, 9, 6)], [new(2022, 9, 26), new(2022, 9, 27)], new(2023, 1, 9)),
        Group(2, [new(2022, 10, 3), new(2022, 10, 4)], [new(2022, 10, 31), new(2022, 11, 1)], new(2023, 1, 16)),
        Group(3, [new(2022, 11, 7), new(2022, 11, 8)], [new(2022, 11, 28), new(2022, 11, 29)], new(2023, 2, 6)),
        Group(4, [new(2022, 12, 6), new(2022, 12, 7)], [new(2023, 1, 17), new(2023, 1, 18)], new(2023, 3, 7)),
    ];

    public async Task SeedAsync(SignalTrainingDbContext db, CancellationToken cancellationToken)
    {
        var course = courses.Find(TightSpotCourse) ?? throw new InvalidOperationException($"Course {TightSpotCourse} is not defined.");
        var existing = await db.Cohorts.Where(c => c.CourseCode == TightSpotCourse).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var (id, plan) in TightSpotGroups2022.Where(g => !existing.Contains(g.Id)))
        {
            db.Cohorts.Add(Cohort.Plan(course, id, plan, clock.GetCurrentInstant()));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static (string Id, CohortPlan Plan) Group(int number, LocalDate[] firstBlock, LocalDate[] secondBlock, LocalDate supervision)
    {
        var sessions = firstBlock.Select(d => (d, 1)).Concat(secondBlock.Select(d => (d, 2)))
            .Select((day, i) => new Session($"day-{i + 1}", day.d, new LocalTime(9, 0), new LocalTime(17, 0), SessionKind.TrainingDay, day.Item2, null))
            .Append(new Session("supervision-day", supervision, new LocalTime(9, 0), new LocalTime(17, 0), SessionKind.SupervisionDay, 0, null))
            .ToArray();
        return ($"2022-groep-{number}", new CohortPlan(
            new LocalizedText($"Groep {number} – najaar 2022", $"Group {number} – autumn 2022"),
            sessions, Baarn, Trainers, Capacity: 12, IntakeRequired: true));
    }
}
