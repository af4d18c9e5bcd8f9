using Google.Protobuf.WellKnownTypes;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Courses;
using Weerbaarheid.SignalTraining.Domain.Coverage;
using Weerbaarheid.SignalTraining.Domain.Enrolments;
using Domain = Weerbaarheid.SignalTraining.Domain;
using Proto = Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Grpc;

/// <summary>Translates between the training contract's messages and the domain.</summary>
internal static class TrainingMapper
{
    public static Proto.LocalizedText ToProto(this Domain.LocalizedText text) => new() { Nl = text.Nl, En = text.En };

    public static Proto.Course ToProto(this Course course)
    {
        var proto = new Proto.Course
        {
            Name = course.Name,
            Code = course.Code,
            Title = course.Title.ToProto(),
            Summary = course.Summary.ToProto(),
            CertificateValidityDays = (int)Math.Ceiling(course.CertificateValidity.TotalDays),
            RefresherLeadDays = (int)Math.Ceiling(course.RefresherLead.TotalDays),
            Terms = course.Terms.ToProto(),
        };
        proto.Modules.AddRange(course.Modules.Select(m => new Proto.Module { Title = m.Title.ToProto(), Description = m.Description.ToProto() }));
        proto.AudienceRoles.AddRange(course.AudienceRoles);
        proto.EligibilityQuestions.AddRange(course.EligibilityQuestions.Select(q => new Proto.EligibilityQuestion
        {
            Id = q.Id,
            Text = q.Text.ToProto(),
            Explanation = q.Explanation.ToProto(),
        }));
        return proto;
    }

    public static Proto.Cohort ToProto(this CohortView view, Instant now)
    {
        var cohort = view.Cohort;
        var proto = new Proto.Cohort
        {
            Name = cohort.Name,
            Title = cohort.Title.ToProto(),
            Location = cohort.Location,
            Capacity = cohort.Capacity,
            IntakeRequired = cohort.IntakeRequired,
            SeatsTaken = view.SeatsTaken,
            Waitlisted = view.Waitlisted,
            State = cohort.StateAt(now) switch
            {
                CohortState.Open => Proto.CohortState.Open,
                CohortState.InProgress => Proto.CohortState.InProgress,
                _ => Proto.CohortState.Ended,
            },
            Etag = TrainingStore.Etag(cohort.Version),
        };
        proto.Sessions.AddRange(cohort.Sessions.Select(s => new Proto.Session
        {
            Id = s.Id,
            Date = new Google.Type.Date { Year = s.Date.Year, Month = s.Date.Month, Day = s.Date.Day },
            StartTime = new Google.Type.TimeOfDay { Hours = s.Start.Hour, Minutes = s.Start.Minute },
            EndTime = new Google.Type.TimeOfDay { Hours = s.End.Hour, Minutes = s.End.Minute },
            Kind = s.Kind == SessionKind.SupervisionDay ? Proto.SessionKind.SupervisionDay : Proto.SessionKind.TrainingDay,
            Block = s.Block,
            Location = s.Location ?? "",
        }));
        proto.Trainers.AddRange(cohort.Trainers);
        return proto;
    }

    /// <summary>A trainer's plan from a request; every bad field is added to <paramref name="validation"/>.</summary>
    public static CohortPlan ToPlan(this Proto.Cohort? cohort, Validation validation, string prefix = "cohort")
    {
        cohort ??= new Proto.Cohort();
        var sessions = new List<Session>();
        for (var i = 0; i < cohort.Sessions.Count; i++)
        {
            var s = cohort.Sessions[i];
            var at = $"{prefix}.sessions[{i}]";
            sessions.Add(new Session(
                s.Id,
                ToLocalDate(s.Date, $"{at}.date", validation),
                ToLocalTime(s.StartTime, $"{at}.start_time", validation),
                ToLocalTime(s.EndTime, $"{at}.end_time", validation),
                s.Kind switch
                {
                    Proto.SessionKind.TrainingDay => SessionKind.TrainingDay,
                    Proto.SessionKind.SupervisionDay => SessionKind.SupervisionDay,
                    _ => 0,
                },
                s.Block,
                string.IsNullOrWhiteSpace(s.Location) ? null : s.Location.Trim()));
        }

        return new CohortPlan(
            new Domain.LocalizedText(cohort.Title?.Nl ?? "", cohort.Title?.En ?? ""),
            sessions, cohort.Location, cohort.Trainers.ToArray(), cohort.Capacity, cohort.IntakeRequired);
    }

    /// <summary>The fields of a cohort UpdateCohort may change, by their update_mask path.</summary>
    public static readonly IReadOnlyList<string> UpdatablePaths = ["title", "sessions", "location", "trainers", "capacity", "intake_required"];

    /// <summary>Takes the masked fields of <paramref name="incoming"/> over <paramref name="current"/>.</summary>
    public static CohortPlan Merge(CohortPlan current, CohortPlan incoming, IReadOnlyCollection<string> paths) => current with
    {
        Title = paths.Contains("title") ? incoming.Title : current.Title,
        Sessions = paths.Contains("sessions") ? incoming.Sessions : current.Sessions,
        Location = paths.Contains("location") ? incoming.Location : current.Location,
        Trainers = paths.Contains("trainers") ? incoming.Trainers : current.Trainers,
        Capacity = paths.Contains("capacity") ? incoming.Capacity : current.Capacity,
        IntakeRequired = paths.Contains("intake_required") ? incoming.IntakeRequired : current.IntakeRequired,
    };

    public static Proto.Enrolment ToProto(this EnrolmentView view)
    {
        var enrolment = view.Enrolment;
        var proto = new Proto.Enrolment
        {
            Name = enrolment.Name,
            EmployeeId = enrolment.EmployeeId,
            State = enrolment.State switch
            {
                EnrolmentState.IntakePending => Proto.EnrolmentState.IntakePending,
                EnrolmentState.Confirmed => Proto.EnrolmentState.Confirmed,
                EnrolmentState.Waitlisted => Proto.EnrolmentState.Waitlisted,
                EnrolmentState.Completed => Proto.EnrolmentState.Completed,
                EnrolmentState.Cancelled => Proto.EnrolmentState.Cancelled,
                EnrolmentState.NotSuitable => Proto.EnrolmentState.NotSuitable,
                _ => Proto.EnrolmentState.Unspecified,
            },
            ApplicationNumber = enrolment.ApplicationNumber,
            WaitlistPosition = view.WaitlistPosition,
            Certificate = enrolment.CertificateId is { } id ? Certificate.CollectionPrefix + id : "",
            CreateTime = enrolment.AppliedAt.ToTimestamp(),
            UpdateTime = enrolment.UpdatedAt.ToTimestamp(),
            Etag = TrainingStore.Etag(enrolment.Version),
        };
        proto.AttendedSessions.AddRange(enrolment.Attendance.Where(a => a.Value).Select(a => a.Key).Order(StringComparer.Ordinal));
        proto.MissedSessions.AddRange(enrolment.Attendance.Where(a => !a.Value).Select(a => a.Key).Order(StringComparer.Ordinal));
        return proto;
    }

    public static Proto.Certificate ToProto(this Certificate certificate, Instant now) => new()
    {
        Name = certificate.Name,
        EmployeeId = certificate.EmployeeId,
        Course = Course.CollectionPrefix + certificate.CourseCode,
        Cohort = certificate.CohortName,
        ValidFrom = certificate.ValidFrom.ToTimestamp(),
        ValidUntil = certificate.ValidUntil.ToTimestamp(),
        State = certificate.IsValidAt(now) ? Proto.CertificateState.Valid : Proto.CertificateState.Expired,
    };

    public static Proto.Eligibility ToProto(this Eligibility eligibility)
    {
        var proto = new Proto.Eligibility { Eligible = eligibility.IsEligible };
        proto.Reasons.AddRange(eligibility.Unmet.Select(r => new Proto.IneligibilityReason { Rule = r.Id, Message = r.Reason.ToProto() }));
        return proto;
    }

    public static IReadOnlyList<(string Question, bool Yes)> ToDomain(this IEnumerable<Proto.EligibilityAnswer> answers) =>
        answers.Select(a => (a.Question, a.Yes)).ToArray();

    public static Proto.UnitCoverage ToProto(this UnitCoverage coverage) => new()
    {
        Unit = UnitManager.NameOf(coverage.UnitId),
        Managers = coverage.Managers,
        Certified = coverage.Certified,
        Share = coverage.Share,
        Expiring = coverage.Expiring,
    };

    public static IntakeOutcome ToDomain(this Proto.IntakeOutcome outcome) => outcome switch
    {
        Proto.IntakeOutcome.Suitable => IntakeOutcome.Suitable,
        Proto.IntakeOutcome.NotSuitable => IntakeOutcome.NotSuitable,
        _ => throw new ValidationFailedException([new FieldViolation("outcome", "Say whether the training suits the applicant: SUITABLE or NOT_SUITABLE.")]),
    };

    private static Timestamp ToTimestamp(this Instant instant) => Timestamp.FromDateTimeOffset(instant.ToDateTimeOffset());

    private static LocalDate ToLocalDate(Google.Type.Date? date, string field, Validation validation)
    {
        if (date is not null && date.Year is >= 2000 and <= 2100 && date.Month is >= 1 and <= 12
            && date.Day >= 1 && date.Day <= CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month))
        {
            return new LocalDate(date.Year, date.Month, date.Day);
        }

        validation.Add(field, "Required: a real date between 2000 and 2100 (year, month, day).");
        return default;
    }

    private static LocalTime ToLocalTime(Google.Type.TimeOfDay? time, string field, Validation validation)
    {
        if (time is not null && time.Hours is >= 0 and <= 23 && time.Minutes is >= 0 and <= 59 && time.Seconds == 0 && time.Nanos == 0)
        {
            return new LocalTime(time.Hours, time.Minutes);
        }

        validation.Add(field, "Required: hours 0–23 and minutes 0–59; seconds and nanos 0.");
        return LocalTime.Midnight;
    }
}
