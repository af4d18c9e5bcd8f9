using NodaTime;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Tests.Infrastructure;

/// <summary>The people and cohorts of the training tests, on a running <see cref="SignalTrainingApp"/>.</summary>
public sealed class Training(SignalTrainingApp app)
{
    /// <summary>The first training day of a planned cohort: two weeks after <see cref="SignalTrainingApp.Start"/>.</summary>
    public static readonly LocalDate FirstDay = new(2027, 3, 15);

    public static readonly (string, bool)[] SelectedForTco = [("selected-for-tco", true)];

    /// <summary>Every answer that makes an applicant eligible for Colleagues in a tight spot.</summary>
    public static readonly (string, bool)[] TightSpotEligible =
    [
        ("union-member", true), ("experiences-unsafety", true), ("unwanted-behaviour", true),
        ("dismissal-procedure", false), ("employment-dispute", false), ("long-term-sick-no-return", false),
    ];

    public TrainingClient Trainer => new(app.Invoker, SignalTrainingApp.TokenFor("trainer-1", Roles.Trainer));

    public TrainingClient ProgrammeAdmin => new(app.Invoker, SignalTrainingApp.TokenFor("programma-beheer", Roles.ProgrammeAdmin));

    public TrainingClient Employee(string employeeId) => new(app.Invoker, SignalTrainingApp.TokenFor(employeeId, Roles.Employee));

    public TrainingClient Manager(string employeeId) => new(app.Invoker, SignalTrainingApp.TokenFor(employeeId, Roles.Manager));

    public TrainingClient Anonymous => new(app.Invoker);

    /// <summary>
    /// A trainer plans a cohort of <paramref name="course"/>: two training days in one block from
    /// <see cref="FirstDay"/> and, when <paramref name="supervision"/>, a supervision day four weeks later.
    /// </summary>
    public async Task<Cohort> PlanAsync(string course, int capacity, bool intake = false, bool supervision = false, string? id = null)
    {
        var cohort = new Cohort
        {
            Title = new LocalizedText { Nl = "Testgroep", En = "Test group" },
            Location = "Politieacademie, Apeldoorn",
            Capacity = capacity,
            IntakeRequired = intake,
        };
        cohort.Sessions.Add(Day("day-1", FirstDay, SessionKind.TrainingDay, 1));
        cohort.Sessions.Add(Day("day-2", FirstDay.PlusDays(1), SessionKind.TrainingDay, 1));
        if (supervision)
        {
            cohort.Sessions.Add(Day("supervision-day", FirstDay.PlusWeeks(4), SessionKind.SupervisionDay, 0));
        }

        cohort.Trainers.Add("Trainer Een");
        var response = await Trainer.CreateCohortAsync(new CreateCohortRequest { Parent = $"courses/{course}", Cohort = cohort, CohortId = id ?? "" });
        return response.Cohort;
    }

    public static Session Day(string id, LocalDate date, SessionKind kind, int block) => new()
    {
        Id = id,
        Date = new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day },
        StartTime = new Google.Type.TimeOfDay { Hours = 9 },
        EndTime = new Google.Type.TimeOfDay { Hours = 17 },
        Kind = kind,
        Block = block,
    };

    /// <summary>Moves the clock to 18:00 on <paramref name="date"/> (Amsterdam): that day's sessions are over.</summary>
    public void EveningOf(LocalDate date) =>
        app.Clock.Reset(date.At(new LocalTime(18, 0)).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).ToInstant());

    /// <summary>Records <paramref name="employeeId"/> present at every session of <paramref name="cohort"/>, each on its day.</summary>
    public async Task AttendEverySessionAsync(Cohort cohort, string employeeId)
    {
        foreach (var session in cohort.Sessions)
        {
            EveningOf(new LocalDate(session.Date.Year, session.Date.Month, session.Date.Day));
            var request = new RecordAttendanceRequest { Cohort = cohort.Name, Session = session.Id };
            request.Present.Add(employeeId);
            await Trainer.RecordAttendanceAsync(request);
        }
    }
}
