using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Courses;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Grpc;

/// <summary>
/// weerbaarheid.signal_training.v1.TrainingService: courses, cohorts, enrolment from application to
/// certificate, and the coverage figures. Translates messages to the stores and back; roles are checked
/// here, per method, and again for a participant's own records by <see cref="Caller"/>.
/// </summary>
[Authorize]
public sealed class TrainingGrpcService(TrainingStore store, CertificateStore certificates, CourseCatalogue courses)
    : TrainingService.TrainingServiceBase
{
    private const string Applicants = $"{Roles.Employee},{Roles.Manager},{Roles.TcoMember}";
    private const string ApplicantsAndTrainers = $"{Applicants},{Roles.Trainer}";

    public override Task<ListCoursesResponse> ListCourses(ListCoursesRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.PageSize is >= 0 and <= 100, "page_size", "At most 100.");
        validation.Require(request.PageToken.Length == 0, "page_token", "There is only one page of courses.");
        validation.ThrowIfInvalid();
        var response = new ListCoursesResponse();
        response.Courses.AddRange(courses.All.Select(c => c.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<GetCourseResponse> GetCourse(GetCourseRequest request, ServerCallContext context) =>
        Task.FromResult(new GetCourseResponse { Course = courses.Named(request.Name, "name").ToProto() });

    public override async Task<ListCohortsResponse> ListCohorts(ListCohortsRequest request, ServerCallContext context)
    {
        var (cohorts, next) = await store.ListCohortsAsync(request.Parent, request.ShowEnded, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListCohortsResponse { NextPageToken = next };
        response.Cohorts.AddRange(cohorts.Select(c => c.ToProto(store.Now)));
        return response;
    }

    public override async Task<GetCohortResponse> GetCohort(GetCohortRequest request, ServerCallContext context) =>
        new() { Cohort = (await store.GetCohortAsync(request.Name, "name", context.CancellationToken)).ToProto(store.Now) };

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<CreateCohortResponse> CreateCohort(CreateCohortRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(request.Cohort is not null, "cohort", "The cohort to plan is required.");
        var plan = request.Cohort.ToPlan(validation);
        var created = await store.CreateCohortAsync(request.Parent, request.CohortId, plan, validation, context.CancellationToken);
        return new CreateCohortResponse { Cohort = created.ToProto(store.Now) };
    }

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<UpdateCohortResponse> UpdateCohort(UpdateCohortRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var paths = request.UpdateMask?.Paths.ToArray() ?? [];
        validation.Require(paths.Length > 0, "update_mask", $"Name the fields to change: {string.Join(", ", TrainingMapper.UpdatablePaths)}.");
        foreach (var path in paths.Where(p => !TrainingMapper.UpdatablePaths.Contains(p)))
        {
            validation.Add("update_mask", $"'{path}' cannot be changed; the fields are {string.Join(", ", TrainingMapper.UpdatablePaths)}.");
        }

        var incoming = request.Cohort.ToPlan(paths.Contains("sessions") ? validation : new Validation());
        var updated = await store.UpdateCohortAsync(request.Cohort?.Name, request.Cohort?.Etag,
            current => TrainingMapper.Merge(current, incoming, paths), validation, context.CancellationToken);
        return new UpdateCohortResponse { Cohort = updated.ToProto(store.Now) };
    }

    [Authorize(Roles = Applicants)]
    public override Task<CheckEligibilityResponse> CheckEligibility(CheckEligibilityRequest request, ServerCallContext context) =>
        Task.FromResult(new CheckEligibilityResponse
        {
            Eligibility = store.CheckEligibility(request.Course, CallerOf(context), request.Answers.ToDomain()).ToProto(),
        });

    [Authorize(Roles = Applicants)]
    public override async Task<ApplyForCohortResponse> ApplyForCohort(ApplyForCohortRequest request, ServerCallContext context) =>
        new() { Enrolment = (await store.ApplyAsync(request.Cohort, CallerOf(context), request.Answers.ToDomain(), context.CancellationToken)).ToProto() };

    public override async Task<GetEnrolmentResponse> GetEnrolment(GetEnrolmentRequest request, ServerCallContext context)
    {
        RequireMayAct(CallerOf(context), TrainingStore.ParseEnrolment(request.Name, "name").EmployeeId, "see this enrolment");
        return new GetEnrolmentResponse { Enrolment = (await store.GetEnrolmentAsync(request.Name, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<ListEnrolmentsResponse> ListEnrolments(ListEnrolmentsRequest request, ServerCallContext context)
    {
        var (enrolments, next) = await store.ListEnrolmentsAsync(request.Parent, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListEnrolmentsResponse { NextPageToken = next };
        response.Enrolments.AddRange(enrolments.Select(e => e.ToProto()));
        return response;
    }

    [Authorize(Roles = ApplicantsAndTrainers)]
    public override async Task<ListMyEnrolmentsResponse> ListMyEnrolments(ListMyEnrolmentsRequest request, ServerCallContext context)
    {
        var response = new ListMyEnrolmentsResponse();
        response.Enrolments.AddRange((await store.ListEnrolmentsOfAsync(CallerOf(context).EmployeeId, context.CancellationToken)).Select(e => e.ToProto()));
        return response;
    }

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<RecordIntakeResponse> RecordIntake(RecordIntakeRequest request, ServerCallContext context) =>
        new() { Enrolment = (await store.RecordIntakeAsync(request.Name, request.Outcome.ToDomain(), request.Etag, context.CancellationToken)).ToProto() };

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<RecordAttendanceResponse> RecordAttendance(RecordAttendanceRequest request, ServerCallContext context)
    {
        var recorded = await store.RecordAttendanceAsync(request.Cohort, request.Session, request.Present, request.Absent, context.CancellationToken);
        var response = new RecordAttendanceResponse();
        response.Enrolments.AddRange(recorded.Select(e => e.ToProto()));
        return response;
    }

    [Authorize(Roles = Roles.Trainer)]
    public override async Task<CompleteEnrolmentResponse> CompleteEnrolment(CompleteEnrolmentRequest request, ServerCallContext context)
    {
        var (enrolment, certificate) = await store.CompleteAsync(request.Name, request.Etag, context.CancellationToken);
        return new CompleteEnrolmentResponse { Enrolment = enrolment.ToProto(), Certificate = certificate.ToProto(store.Now) };
    }

    [Authorize(Roles = ApplicantsAndTrainers)]
    public override async Task<CancelEnrolmentResponse> CancelEnrolment(CancelEnrolmentRequest request, ServerCallContext context)
    {
        RequireMayAct(CallerOf(context), TrainingStore.ParseEnrolment(request.Name, "name").EmployeeId, "cancel this enrolment");
        return new CancelEnrolmentResponse { Enrolment = (await store.CancelAsync(request.Name, request.Etag, context.CancellationToken)).ToProto() };
    }

    public override async Task<GetCertificateResponse> GetCertificate(GetCertificateRequest request, ServerCallContext context)
    {
        var certificate = await certificates.GetAsync(request.Name, CallerOf(context), context.CancellationToken);
        return new GetCertificateResponse { Certificate = certificate.ToProto(store.Now) };
    }

    [Authorize(Roles = ApplicantsAndTrainers)]
    public override async Task<ListMyCertificatesResponse> ListMyCertificates(ListMyCertificatesRequest request, ServerCallContext context)
    {
        var response = new ListMyCertificatesResponse();
        response.Certificates.AddRange((await certificates.ListOfAsync(CallerOf(context).EmployeeId, context.CancellationToken)).Select(c => c.ToProto(store.Now)));
        return response;
    }

    [Authorize(Roles = Roles.ProgrammeAdmin)]
    public override async Task<SetUnitManagersResponse> SetUnitManagers(SetUnitManagersRequest request, ServerCallContext context) =>
        new() { Managers = await certificates.SetUnitManagersAsync(request.Unit, request.ManagerIds, context.CancellationToken) };

    [Authorize(Roles = Roles.ProgrammeAdmin)]
    public override async Task<GetCertificateCoverageResponse> GetCertificateCoverage(GetCertificateCoverageRequest request, ServerCallContext context)
    {
        var (units, window) = await certificates.CoverageAsync(request.ExpiringWithinDays, context.CancellationToken);
        var response = new GetCertificateCoverageResponse { ExpiringWithinDays = window };
        response.Units.AddRange(units.Select(u => u.ToProto()));
        return response;
    }

    private static Caller CallerOf(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return new Caller(
            user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "",
            user.FindAll(Roles.ClaimType).Select(c => c.Value).Concat(user.FindAll(ClaimTypes.Role).Select(c => c.Value)).ToHashSet(StringComparer.Ordinal));
    }

    private static void RequireMayAct(Caller caller, string employeeId, string what)
    {
        if (!caller.MaySeeRecordsOf(employeeId))
        {
            throw new PermissionDeniedException($"Only the participant and trainers may {what}.");
        }
    }
}
