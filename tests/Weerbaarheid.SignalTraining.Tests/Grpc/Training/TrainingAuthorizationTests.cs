using Grpc.Core;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Training;

/// <summary>
/// Who may call what, one row per RPC of TrainingService: the roles allowed, and one role that is refused.
/// The table must name every RPC in the contract, so a new one cannot be added without deciding its rule.
/// </summary>
public sealed class TrainingAuthorizationTests : IClassFixture<SignalTrainingHost>
{
    private const string AnyRole = "any";

    private delegate Task Call(TrainingClient client, Setting setting, string subject);

    private static readonly Dictionary<string, (string[] Allowed, string Refused, Call Call)> Table = new()
    {
        ["ListCourses"] = ([AnyRole], "", (c, _, _) => c.ListCoursesAsync(new ListCoursesRequest())),
        ["GetCourse"] = ([AnyRole], "", (c, _, _) => c.GetCourseAsync(new GetCourseRequest { Name = "courses/signal-training" })),
        ["ListCohorts"] = ([AnyRole], "", (c, _, _) => c.ListCohortsAsync(new ListCohortsRequest { Parent = "courses/tco-basic-training" })),
        ["GetCohort"] = ([AnyRole], "", (c, s, _) => c.GetCohortAsync(new GetCohortRequest { Name = s.Cohort.Name })),
        ["CreateCohort"] = ([Roles.Trainer], Roles.Employee, (c, s, _) => c.CreateCohortAsync(new CreateCohortRequest { Parent = "courses/tco-basic-training", Cohort = s.Cohort })),
        ["UpdateCohort"] = ([Roles.Trainer], Roles.ProgrammeAdmin, (c, s, _) => c.UpdateCohortAsync(new UpdateCohortRequest { Cohort = s.Cohort, UpdateMask = new() { Paths = { "location" } } })),
        ["CheckEligibility"] = ([Roles.Employee, Roles.Manager, Roles.TcoMember], Roles.Trainer, (c, _, _) => c.CheckEligibilityAsync(
            new CheckEligibilityRequest { Course = "courses/tco-basic-training", Answers = { new EligibilityAnswer { Question = "selected-for-tco", Yes = true } } })),
        ["ApplyForCohort"] = ([Roles.Employee, Roles.Manager, Roles.TcoMember], Roles.ProgrammeAdmin, (c, s, _) => c.ApplyAsync(s.Cohort.Name, Infrastructure.Training.SelectedForTco)),
        // Anyone may ask for their own enrolment (here: none, so NOT_FOUND); someone else's is refused, see EnrolmentFlowTests.
        ["GetEnrolment"] = ([AnyRole], "", (c, s, subject) => Setting.ExpectNotFound(() => c.GetEnrolmentAsync(
            new GetEnrolmentRequest { Name = $"{s.Cohort.Name}/enrolments/{subject}" }))),
        ["ListEnrolments"] = ([Roles.Trainer], Roles.Manager, (c, s, _) => c.ListEnrolmentsAsync(new ListEnrolmentsRequest { Parent = s.Cohort.Name })),
        ["ListMyEnrolments"] = ([Roles.Employee, Roles.Manager, Roles.TcoMember, Roles.Trainer], Roles.ProgrammeAdmin, (c, _, _) => c.ListMyEnrolmentsAsync(new ListMyEnrolmentsRequest())),
        ["RecordIntake"] = ([Roles.Trainer], Roles.Employee, (c, s, _) => Setting.ExpectPrecondition(() => c.RecordIntakeAsync(
            new RecordIntakeRequest { Name = s.Enrolment.Name, Outcome = IntakeOutcome.Suitable }))),
        ["RecordAttendance"] = ([Roles.Trainer], Roles.Manager, (c, s, _) => Setting.ExpectPrecondition(() => c.RecordAttendanceAsync(
            new RecordAttendanceRequest { Cohort = s.Cohort.Name, Session = "day-1", Present = { s.Enrolment.EmployeeId } }))),
        ["CompleteEnrolment"] = ([Roles.Trainer], Roles.Employee, (c, s, _) => Setting.ExpectPrecondition(() => c.CompleteEnrolmentAsync(
            new CompleteEnrolmentRequest { Name = s.Enrolment.Name }))),
        ["CancelEnrolment"] = ([Roles.Employee, Roles.Manager, Roles.TcoMember, Roles.Trainer], Roles.ProgrammeAdmin, async (c, s, _) =>
            await c.CancelEnrolmentAsync(new CancelEnrolmentRequest { Name = (await s.Fresh(c)).Name })),
        ["GetCertificate"] = ([AnyRole], "", (c, s, _) => Setting.ExpectNotFound(() => c.GetCertificateAsync(new GetCertificateRequest { Name = "certificates/unknown" }))),
        ["ListMyCertificates"] = ([Roles.Employee, Roles.Manager, Roles.TcoMember, Roles.Trainer], Roles.ProgrammeAdmin, (c, _, _) => c.ListMyCertificatesAsync(new ListMyCertificatesRequest())),
        ["SetUnitManagers"] = ([Roles.ProgrammeAdmin], Roles.Trainer, (c, _, _) => c.SetUnitManagersAsync(new SetUnitManagersRequest { Unit = "units/zeeland-west-brabant", ManagerIds = { "m-1" } })),
        ["GetCertificateCoverage"] = ([Roles.ProgrammeAdmin], Roles.Manager, (c, _, _) => c.GetCertificateCoverageAsync(new GetCertificateCoverageRequest())),
    };

    private readonly SignalTrainingApp _app;
    private readonly Infrastructure.Training _training;

    public TrainingAuthorizationTests(SignalTrainingHost host)
    {
        _app = host.App;
        _app.Clock.Reset(SignalTrainingApp.Start);
        _training = new Infrastructure.Training(_app);
    }

    public static TheoryData<string> Rpcs => new(Table.Keys);

    [Fact]
    public void The_table_names_every_rpc_of_the_contract() =>
        Assert.Equal(TrainingService.Descriptor.Methods.Select(m => m.Name).Order(StringComparer.Ordinal), Table.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task Each_rpc_answers_only_the_roles_its_rule_allows(string rpc)
    {
        var (allowed, refused, call) = Table[rpc];
        var setting = await Setting.CreateAsync(_training);

        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => call(_training.Anonymous, setting, "anonymous"));
        if (refused.Length > 0)
        {
            await Rpc.FailsAsync(StatusCode.PermissionDenied, () => call(Client(refused, $"refused-{rpc}"), setting, $"refused-{rpc}"));
        }

        var roles = allowed.Contains(AnyRole) ? Roles.All.Where(r => !r.StartsWith("system:", StringComparison.Ordinal)).ToArray() : allowed;
        foreach (var role in roles)
        {
            await call(Client(role, $"{role}-{rpc}"), setting, $"{role}-{rpc}");
        }
    }

    private TrainingClient Client(string role, string subject) => new(_app.Invoker, SignalTrainingApp.TokenFor(subject, role));

    /// <summary>A cohort and an enrolment that calls act on; each caller's own enrolment when the rule is about one's own.</summary>
    private sealed class Setting(Infrastructure.Training training, Cohort cohort, Enrolment enrolment)
    {
        public Cohort Cohort { get; } = cohort;

        public Enrolment Enrolment { get; } = enrolment;

        public static async Task<Setting> CreateAsync(Infrastructure.Training training)
        {
            var cohort = await training.PlanAsync("tco-basic-training", capacity: 50);
            var enrolment = await training.Employee($"participant-{Guid.NewGuid():N}"[..20]).ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
            return new Setting(training, cohort, enrolment);
        }

        /// <summary>An enrolment of the caller's own (the caller applies first when it may).</summary>
        public async Task<Enrolment> Fresh(TrainingClient client)
        {
            try
            {
                return await client.ApplyAsync(Cohort.Name, Infrastructure.Training.SelectedForTco);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                return (await training.Employee($"p-{Guid.NewGuid():N}"[..12]).ApplyAsync(Cohort.Name, Infrastructure.Training.SelectedForTco));
            }
        }

        /// <summary>Past the role check, the call meets the enrolment's state: FAILED_PRECONDITION shows it was let through.</summary>
        public static Task ExpectPrecondition(Func<Task> call) => Expect(StatusCode.FailedPrecondition, call);

        public static Task ExpectNotFound(Func<Task> call) => Expect(StatusCode.NotFound, call);

        /// <summary>The call fails with <paramref name="code"/>; any other failure (UNAUTHENTICATED, PERMISSION_DENIED) passes through.</summary>
        private static async Task Expect(StatusCode code, Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (RpcException e) when (e.StatusCode == code)
            {
                return;
            }

            Assert.Fail($"Expected {code}.");
        }
    }
}
