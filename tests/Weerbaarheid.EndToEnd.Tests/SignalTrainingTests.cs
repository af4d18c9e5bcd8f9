using System.Globalization;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Training = Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// The real SignalTraining qualifies TCO members for PeerSupport's rota: a completed TCO basic training
/// issues a certificate (CertificateIssued), the certificate scheduler announces its end (CertificateExpired),
/// and both reach the suite's PeerSupport through the real broker. SignalTraining runs in a deployment of the
/// test's own (gateway included) with certificates valid for one minute; PeerSupport is the suite's, with the
/// demo rota (members demo-{region}-1..6, each certified by demo certificate demo-demo-{region}-N).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class SignalTrainingTests(Suite suite)
{
    /// <summary>A region no other test looks at: withdrawing its primary's demo certificate leaves a coverage gap.</summary>
    private const string Region = "regions/zeeland-west-brabant";

    private const string Course = "courses/tco-basic-training";
    private const string SessionId = "day-1";

    /// <summary>How long the test's TCO certificates are valid (production: two years).</summary>
    private static readonly TimeSpan CertificateValidity = TimeSpan.FromMinutes(1);

    /// <summary>Certificate event → SignalTraining's outbox → broker → PeerSupport's consumer → GetOnCall.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    /// <summary>The test takes a few minutes at most; the primary's weekly shift must outlast it, or the handoff pass first.</summary>
    private static readonly TimeSpan HandoffMargin = TimeSpan.FromMinutes(5);

    /// <summary>Training days are planned in Dutch wall-clock time.</summary>
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static readonly IReadOnlyDictionary<string, string> ShortValidity = new Dictionary<string, string>
    {
        ["SignalTraining__Courses__tco-basic-training__CertificateValidity"] = CertificateValidity.ToString("c", CultureInfo.InvariantCulture),
        // The shipped refresher lead (60 days) must be shorter than the validity: no refresher here.
        ["SignalTraining__Courses__tco-basic-training__RefresherLead"] = "00:00:00",
    };

    private static Metadata Trainer => Samples.As(Roles.Trainer);

    [Fact]
    public async Task Completing_TCO_basic_training_puts_the_member_on_call_and_expiry_takes_them_off()
    {
        await using var listener = await RotaEventListener.StartAsync(suite.Broker.AmqpUrl);
        // An event published before PeerSupport's queues are bound would be dropped by the broker.
        await suite.PeerSupportConsumingAsync();
        await using var deployment = await suite.StartSignalTrainingAsync(ShortValidity);
        string Details() => $"Rota and certificate events received:{Environment.NewLine}{listener.Received.Describe()}{Environment.NewLine}" +
            $"{deployment.Output}{Environment.NewLine}{suite.ServiceOutput}";

        // Who is primary depends on the week: ask rather than assume.
        var (memberId, _) = await DemoRota.OnCallWellBeforeHandoffAsync(suite.Rota, Region, HandoffMargin, Details);
        var member = DemoRota.MemberPrefix + memberId;

        // The one simulated step: the demo certificate is PeerSupport's own seed, so its withdrawal is published here.
        await listener.PublishAsync(new CertificateExpired($"demo-{memberId}", memberId, CourseCodes.TcoBasicTraining, DateTimeOffset.UtcNow));
        GetOnCallResponse onCall = null!;
        await Eventually.HoldsAsync(async () => (onCall = await OnCallAsync()).Primary?.Member != member,
            $"GetOnCall for {Region} no longer returns {member} as primary", Propagation, Details);
        Assert.Null(onCall.Primary);

        // A trainer plans a TCO basic training with one session today; the member applies and gets a seat.
        var cohort = await PlanCohortTodayAsync(deployment);
        var applied = (await deployment.Training.ApplyForCohortAsync(new Training.ApplyForCohortRequest
        {
            Cohort = cohort.Name,
            Answers = { new Training.EligibilityAnswer { Question = "selected-for-tco", Yes = true } },
        }, DemoRota.MemberCaller(memberId, Region), Samples.Deadline)).Enrolment;
        Assert.Equal(Training.EnrolmentState.Confirmed, applied.State);
        Assert.Equal($"{cohort.Name}/enrolments/{memberId}", applied.Name);

        // On the day, the trainer records the member present and completes the enrolment: the certificate is issued.
        var attended = Assert.Single((await deployment.Training.RecordAttendanceAsync(
            new Training.RecordAttendanceRequest { Cohort = cohort.Name, Session = SessionId, Present = { memberId } },
            Trainer, Samples.Deadline)).Enrolments);
        Assert.Equal([SessionId], attended.AttendedSessions);
        var completed = await deployment.Training.CompleteEnrolmentAsync(
            new Training.CompleteEnrolmentRequest { Name = attended.Name, Etag = attended.Etag }, Trainer, Samples.Deadline);
        Assert.Equal(Training.EnrolmentState.Completed, completed.Enrolment.State);
        var certificate = completed.Certificate;
        Assert.Equal(memberId, certificate.EmployeeId);
        Assert.Equal(Course, certificate.Course);
        Assert.Equal(Training.CertificateState.Valid, certificate.State);
        var validUntil = certificate.ValidUntil.ToDateTimeOffset();
        Assert.Equal(CertificateValidity, validUntil - certificate.ValidFrom.ToDateTimeOffset());
        var certificateId = certificate.Name["certificates/".Length..];

        // CertificateIssued goes out over the broker and puts the member back on call, until the certificate runs out
        // (well before the weekly handoff).
        await Eventually.HoldsAsync(() => listener.Received.Issued(certificateId).Count > 0,
            $"CertificateIssued for {certificate.Name} arrives on the broker", Propagation, Details);
        await Eventually.HoldsAsync(async () => (onCall = await OnCallAsync()).Primary?.Member == member,
            $"GetOnCall for {Region} returns {member} as primary again", Propagation, Details);
        Assert.NotNull(onCall.Primary);
        Assert.Equal(validUntil, onCall.Primary.ShiftEndTime.ToDateTimeOffset());

        // A minute later the certificate has run out: the scheduler announces it, and the member is off call again.
        var expiryWait = validUntil - DateTimeOffset.UtcNow + Propagation;
        await Eventually.HoldsAsync(() => listener.Received.Expired(certificateId).Count > 0,
            $"SignalTraining's scheduler publishes CertificateExpired for {certificate.Name} (valid until {validUntil:O})", expiryWait, Details);
        var expired = Assert.Single(listener.Received.Expired(certificateId));
        Assert.Equal(memberId, expired.EmployeeId);
        Assert.Equal(CourseCodes.TcoBasicTraining, expired.CourseCode);
        Assert.Equal(validUntil, expired.ExpiredAt);
        await Eventually.HoldsAsync(async () => (onCall = await OnCallAsync()).Primary?.Member != member,
            $"GetOnCall for {Region} no longer returns {member} as primary after {validUntil:O}", Propagation, Details);
        Assert.Null(onCall.Primary);
    }

    private async Task<GetOnCallResponse> OnCallAsync() =>
        await suite.Rota.GetOnCallAsync(new GetOnCallRequest { Region = Region }, DemoRota.SystemReader, Samples.Deadline);

    /// <summary>
    /// A cohort with one training session today (Amsterdam) starting in two to three minutes: it still takes
    /// applications, and attendance can be recorded at once (from the session's date on). In the last minutes of
    /// a day, waits for the next one first.
    /// </summary>
    private static async Task<Training.Cohort> PlanCohortTodayAsync(SignalTrainingDeployment deployment)
    {
        var lastStart = new LocalTime(23, 50);
        if (AmsterdamNow().TimeOfDay >= lastStart)
        {
            var today = AmsterdamNow().Date;
            await Eventually.HoldsAsync(() => AmsterdamNow().Date != today,
                "the day has turned in Amsterdam (a session needs time left today)", TimeSpan.FromMinutes(11));
        }

        var now = AmsterdamNow();
        var start = new LocalTime(now.Hour, now.Minute).PlusMinutes(3);
        var end = LocalTime.Min(start.PlusHours(1), new LocalTime(23, 59));
        var cohort = new Training.Cohort
        {
            Title = new Training.LocalizedText { Nl = "TCO-basistraining (end-to-endtest)", En = "TCO basic training (end-to-end test)" },
            Location = "Politieacademie, Apeldoorn",
            Trainers = { "E2E Trainer" },
            Capacity = 12,
            IntakeRequired = false,
            Sessions =
            {
                new Training.Session
                {
                    Id = SessionId,
                    Date = new Google.Type.Date { Year = now.Year, Month = now.Month, Day = now.Day },
                    StartTime = new Google.Type.TimeOfDay { Hours = start.Hour, Minutes = start.Minute },
                    EndTime = new Google.Type.TimeOfDay { Hours = end.Hour, Minutes = end.Minute },
                    Kind = Training.SessionKind.TrainingDay,
                    Block = 1,
                },
            },
        };
        var created = (await deployment.Training.CreateCohortAsync(new Training.CreateCohortRequest
        {
            Parent = Course,
            CohortId = $"e2e-{Guid.NewGuid().ToString("N")[..8]}",
            Cohort = cohort,
        }, Trainer, Samples.Deadline)).Cohort;
        Assert.Equal(Training.CohortState.Open, created.State);
        return created;
    }

    private static LocalDateTime AmsterdamNow() => SystemClock.Instance.GetCurrentInstant().InZone(Amsterdam).LocalDateTime;
}
