using Grpc.Core;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.signal_training.v1.TrainingService over the service's own method definitions
/// (<see cref="BoundServiceClient"/>), with a bearer token, plus the steps most tests take.
/// </summary>
public sealed class TrainingClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    public static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodsOf(binder => TrainingService.BindService(binder, null));

    public Task<ListCoursesResponse> ListCoursesAsync(ListCoursesRequest request) =>
        CallAsync<ListCoursesRequest, ListCoursesResponse>("ListCourses", request);

    public Task<GetCourseResponse> GetCourseAsync(GetCourseRequest request) =>
        CallAsync<GetCourseRequest, GetCourseResponse>("GetCourse", request);

    public Task<ListCohortsResponse> ListCohortsAsync(ListCohortsRequest request) =>
        CallAsync<ListCohortsRequest, ListCohortsResponse>("ListCohorts", request);

    public Task<GetCohortResponse> GetCohortAsync(GetCohortRequest request) =>
        CallAsync<GetCohortRequest, GetCohortResponse>("GetCohort", request);

    public Task<CreateCohortResponse> CreateCohortAsync(CreateCohortRequest request) =>
        CallAsync<CreateCohortRequest, CreateCohortResponse>("CreateCohort", request);

    public Task<UpdateCohortResponse> UpdateCohortAsync(UpdateCohortRequest request) =>
        CallAsync<UpdateCohortRequest, UpdateCohortResponse>("UpdateCohort", request);

    public Task<CheckEligibilityResponse> CheckEligibilityAsync(CheckEligibilityRequest request) =>
        CallAsync<CheckEligibilityRequest, CheckEligibilityResponse>("CheckEligibility", request);

    public Task<ApplyForCohortResponse> ApplyForCohortAsync(ApplyForCohortRequest request) =>
        CallAsync<ApplyForCohortRequest, ApplyForCohortResponse>("ApplyForCohort", request);

    public Task<GetEnrolmentResponse> GetEnrolmentAsync(GetEnrolmentRequest request) =>
        CallAsync<GetEnrolmentRequest, GetEnrolmentResponse>("GetEnrolment", request);

    public Task<ListEnrolmentsResponse> ListEnrolmentsAsync(ListEnrolmentsRequest request) =>
        CallAsync<ListEnrolmentsRequest, ListEnrolmentsResponse>("ListEnrolments", request);

    public Task<ListMyEnrolmentsResponse> ListMyEnrolmentsAsync(ListMyEnrolmentsRequest request) =>
        CallAsync<ListMyEnrolmentsRequest, ListMyEnrolmentsResponse>("ListMyEnrolments", request);

    public Task<RecordIntakeResponse> RecordIntakeAsync(RecordIntakeRequest request) =>
        CallAsync<RecordIntakeRequest, RecordIntakeResponse>("RecordIntake", request);

    public Task<RecordAttendanceResponse> RecordAttendanceAsync(RecordAttendanceRequest request) =>
        CallAsync<RecordAttendanceRequest, RecordAttendanceResponse>("RecordAttendance", request);

    public Task<CompleteEnrolmentResponse> CompleteEnrolmentAsync(CompleteEnrolmentRequest request) =>
        CallAsync<CompleteEnrolmentRequest, CompleteEnrolmentResponse>("CompleteEnrolment", request);

    public Task<CancelEnrolmentResponse> CancelEnrolmentAsync(CancelEnrolmentRequest request) =>
        CallAsync<CancelEnrolmentRequest, CancelEnrolmentResponse>("CancelEnrolment", request);

    public Task<GetCertificateResponse> GetCertificateAsync(GetCertificateRequest request) =>
        CallAsync<GetCertificateRequest, GetCertificateResponse>("GetCertificate", request);

    public Task<ListMyCertificatesResponse> ListMyCertificatesAsync(ListMyCertificatesRequest request) =>
        CallAsync<ListMyCertificatesRequest, ListMyCertificatesResponse>("ListMyCertificates", request);

    public Task<SetUnitManagersResponse> SetUnitManagersAsync(SetUnitManagersRequest request) =>
        CallAsync<SetUnitManagersRequest, SetUnitManagersResponse>("SetUnitManagers", request);

    public Task<GetCertificateCoverageResponse> GetCertificateCoverageAsync(GetCertificateCoverageRequest request) =>
        CallAsync<GetCertificateCoverageRequest, GetCertificateCoverageResponse>("GetCertificateCoverage", request);

    /// <summary>Applies for <paramref name="cohort"/> with <paramref name="answers"/> (question id → yes).</summary>
    public async Task<Enrolment> ApplyAsync(string cohort, params (string Question, bool Yes)[] answers)
    {
        var request = new ApplyForCohortRequest { Cohort = cohort };
        request.Answers.AddRange(answers.Select(a => new EligibilityAnswer { Question = a.Question, Yes = a.Yes }));
        return (await ApplyForCohortAsync(request)).Enrolment;
    }
}
