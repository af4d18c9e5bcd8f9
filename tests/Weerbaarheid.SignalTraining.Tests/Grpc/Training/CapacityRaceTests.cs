using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Training;

/// <summary>
/// Capacity is never exceeded: a hundred applications at once for twelve seats confirm exactly twelve and
/// waitlist the other 88 in the order the applications were numbered, on both databases.
/// </summary>
public sealed class CapacityRaceTests
{
    private const int Applicants = 100;
    private const int Seats = 12;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_hundred_concurrent_applications_for_twelve_seats_confirm_exactly_twelve(DatabaseProvider provider)
    {
        await using var host = await SignalTrainingHost.StartAsync(provider);
        var training = new Infrastructure.Training(host.App);
        var cohort = await training.PlanAsync("tco-basic-training", capacity: Seats);

        using var start = new SemaphoreSlim(0);
        var applications = Enumerable.Range(1, Applicants).Select(async i =>
        {
            var applicant = training.Employee($"race-{i:D3}");
            await start.WaitAsync();
            return await applicant.ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
        }).ToList();
        start.Release(Applicants);
        var answers = await Task.WhenAll(applications);

        Assert.Equal(Seats, answers.Count(a => a.State == EnrolmentState.Confirmed));
        Assert.Equal(Applicants - Seats, answers.Count(a => a.State == EnrolmentState.Waitlisted));
        // Numbers are the order of application; the seats went to the first twelve, the waitlist follows the rest.
        Assert.Equal(Enumerable.Range(1, Applicants), answers.Select(a => a.ApplicationNumber).Order());
        Assert.All(answers, a => Assert.Equal(a.ApplicationNumber <= Seats ? EnrolmentState.Confirmed : EnrolmentState.Waitlisted, a.State));
        Assert.All(answers.Where(a => a.State == EnrolmentState.Waitlisted), a => Assert.Equal(a.ApplicationNumber - Seats, a.WaitlistPosition));

        var stored = (await training.Trainer.ListEnrolmentsAsync(new ListEnrolmentsRequest { Parent = cohort.Name })).Enrolments;
        Assert.Equal(answers.OrderBy(a => a.ApplicationNumber).Select(a => (a.EmployeeId, a.State)), stored.Select(e => (e.EmployeeId, e.State)));
        var seats = (await training.Trainer.GetCohortAsync(new GetCohortRequest { Name = cohort.Name })).Cohort;
        Assert.Equal((Seats, Applicants - Seats), (seats.SeatsTaken, seats.Waitlisted));
    }
}
