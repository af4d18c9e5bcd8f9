using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.Domain;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CallerTests
{
    private static Caller With(string employeeId, params string[] roles) => new(employeeId, roles.ToHashSet());

    [Fact]
    public void A_participant_may_see_their_own_records()
    {
        Assert.True(With("123456", Roles.Employee).MaySeeRecordsOf("123456"));
    }

    [Fact]
    public void A_trainer_may_see_anyones_records()
    {
        var trainer = With("900001", Roles.Trainer);

        Assert.True(trainer.IsTrainer);
        Assert.True(trainer.MaySeeRecordsOf("123456"));
        Assert.True(trainer.MaySeeRecordsOf("900001"));
    }

    [Theory]
    [InlineData(Roles.Employee)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.TcoCoordinator)]
    [InlineData(Roles.ProgrammeAdmin)]
    public void Anyone_else_may_not_see_someone_elses_records(string role)
    {
        var caller = With("654321", role);

        Assert.False(caller.IsTrainer);
        Assert.False(caller.MaySeeRecordsOf("123456"));
    }

    [Fact]
    public void Employee_numbers_are_compared_exactly()
    {
        var caller = With("ab123", Roles.Employee);

        Assert.False(caller.MaySeeRecordsOf("AB123"));
        Assert.False(caller.MaySeeRecordsOf("ab123 "));
    }
}
