using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;
using V1 = Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.PeerSupport.Grpc;

/// <summary>
/// Converts dispatches and cases between the contract and the domain, and checks a support request field
/// by field, reporting every bad field at once.
/// </summary>
internal static class DispatchMapper
{
    private const int MaxText = 200;

    /// <summary>How much of a dispatch a caller may see.</summary>
    public enum View
    {
        /// <summary>The region's coordinator: every offer and every choice with who was passed over.</summary>
        Coordinator,
        /// <summary>A member: only their own offers.</summary>
        Member,
        /// <summary>The caller that requested it: where it stands, not who was asked.</summary>
        Requester,
    }

    public static (SupportRequest Request, IReadOnlyList<ColleagueDetails> Colleagues) ToSupportRequest(
        V1.RequestSupportRequest request, string source, Instant now)
    {
        var validation = new Validation();
        var region = RotaMapper.ParseRegion(request.Region, "region", validation, throwIfInvalid: false);
        var reference = request.IncidentReference.Trim();
        validation.Require(reference.Length is >= 1 and <= 100, "incident_reference", "Required: the incident's reference, 1–100 characters.");
        var violationsBefore = validation.Violations.Count;
        var occurredAt = RotaMapper.ToInstant(request.OccurredAt, "occurred_at", validation);
        if (validation.Violations.Count == violationsBefore) // a valid timestamp, whatever the fields before it
        {
            validation.Require(occurredAt <= now + Duration.FromMinutes(5), "occurred_at", "Must not be in the future.");
        }

        validation.Require(request.Urgency is V1.Urgency.Immediate or V1.Urgency.Within24Hours or V1.Urgency.Routine, "urgency",
            "Required: URGENCY_IMMEDIATE, URGENCY_WITHIN_24_HOURS or URGENCY_ROUTINE.");
        validation.Require(request.Requester.Length <= MaxText, "requester", $"At most {MaxText} characters.");

        validation.Require(request.Colleagues.Count is >= 1 and <= DispatchStore.MaxColleagues, "colleagues",
            $"Required: 1–{DispatchStore.MaxColleagues} colleagues who need support.");
        var colleagues = new List<ColleagueDetails>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Colleagues.Count; i++)
        {
            var colleague = request.Colleagues[i];
            var field = $"colleagues[{i}]";
            var id = colleague.EmployeeId.Trim();
            Member.CheckId(validation, $"{field}.employee_id", id);
            validation.Require(id.Length == 0 || seen.Add(id), $"{field}.employee_id", "Named twice: one dispatch per colleague.");
            validation.Require(colleague.Team.Length <= 100, $"{field}.team", "At most 100 characters.");
            validation.Require(colleague.Contact.Length <= MaxText, $"{field}.contact", $"At most {MaxText} characters.");
            colleagues.Add(new ColleagueDetails(id, colleague.Team.Trim(), colleague.Contact.Trim()));
        }

        var involved = new List<string>();
        for (var i = 0; i < request.InvolvedMembers.Count; i++)
        {
            if (Member.ParseName(request.InvolvedMembers[i], $"involved_members[{i}]", validation) is { } id)
            {
                involved.Add(id);
            }
        }

        validation.ThrowIfInvalid();
        return (new SupportRequest(source, region, reference, occurredAt, (Urgency)request.Urgency, request.Requester.Trim(), involved.Distinct().ToArray()),
            colleagues);
    }

    public static V1.Dispatch ToProto(this Dispatch dispatch, View view, string callerId)
    {
        var proto = new V1.Dispatch
        {
            Name = dispatch.Name,
            Region = dispatch.Region.ResourceName(),
            IncidentReference = dispatch.IncidentReference,
            OccurredAt = dispatch.OccurredAt.ToTimestamp(),
            Colleague = dispatch.Colleague.ToProto(),
            Urgency = (V1.Urgency)dispatch.Urgency,
            Requester = dispatch.Requester,
            State = (V1.DispatchState)dispatch.State,
            SupportCase = dispatch.CaseId is { } caseId ? SupportCase.CollectionPrefix + caseId.ToString("N") : "",
            CreateTime = dispatch.CreatedAt.ToTimestamp(),
        };
        var offers = view switch
        {
            View.Coordinator => dispatch.Offers,
            View.Member => dispatch.Offers.Where(o => o.MemberId == callerId).ToList(),
            _ => [],
        };
        proto.Offers.AddRange(offers.Select(ToProto));
        if (view == View.Coordinator || (view == View.Member && dispatch.CoordinatorId == callerId))
        {
            proto.AlertedCoordinator = dispatch.CoordinatorId is { } coordinator ? Member.CollectionPrefix + coordinator : "";
        }

        if (view == View.Coordinator)
        {
            proto.Choices.AddRange(dispatch.Choices.Select(c =>
            {
                var choice = new V1.SupporterChoice
                {
                    ChoiceTime = c.At.ToTimestamp(),
                    Chosen = c.Chosen is { } chosen ? Member.CollectionPrefix + chosen : "",
                    Reason = c.Reason,
                };
                choice.PassedOver.AddRange(c.PassedOver.Select(p => new V1.PassedOver { Member = Member.CollectionPrefix + p.MemberId, Reason = p.Reason }));
                return choice;
            }));
        }

        return proto;
    }

    public static V1.DispatchOffer ToOfferProto(this Dispatch dispatch, OfferFeedEntry entry)
    {
        var offer = dispatch.Offers.FirstOrDefault(o => o.Number == entry.OfferNumber && !entry.CoordinatorAlert);
        return new V1.DispatchOffer
        {
            Dispatch = dispatch.Name,
            OfferNumber = entry.OfferNumber,
            Region = dispatch.Region.ResourceName(),
            IncidentReference = dispatch.IncidentReference,
            OccurredAt = dispatch.OccurredAt.ToTimestamp(),
            Colleague = dispatch.Colleague.ToProto(),
            Urgency = (V1.Urgency)dispatch.Urgency,
            Requester = dispatch.Requester,
            Deadline = offer?.Deadline.ToTimestamp(),
            Reason = offer?.Reason ?? dispatch.Choices.LastOrDefault()?.Reason ?? "",
            CoordinatorAlert = entry.CoordinatorAlert,
            ResumeToken = ResumeToken(entry.Sequence),
        };
    }

    public static V1.SupportCase ToProto(this SupportCase supportCase, Instant now)
    {
        var proto = new V1.SupportCase
        {
            Name = supportCase.Name,
            Dispatch = Dispatch.CollectionPrefix + supportCase.DispatchId.ToString("N"),
            Region = supportCase.Region.ResourceName(),
            Supporter = Member.CollectionPrefix + supportCase.SupporterId,
            Colleague = supportCase.Colleague.ToProto(),
            OpenTime = supportCase.OpenedAt.ToTimestamp(),
            FirstContactDue = supportCase.FirstContactDue.ToTimestamp(),
            Outcome = (V1.CaseOutcome)supportCase.Outcome,
            Referral = (V1.ReferralTarget)supportCase.Referral,
            CloseTime = supportCase.ClosedAt?.ToTimestamp(),
            FirstContactMissed = supportCase.FirstContactAt is { } first ? first > supportCase.FirstContactDue : supportCase.FirstContactMissed(now),
            Anonymised = supportCase.AnonymisedAt is not null,
        };
        proto.FollowUpsDue.AddRange(supportCase.FollowUpsDue.Select(d => d.ToTimestamp()));
        proto.ContactTimes.AddRange(supportCase.Contacts.Select(c => c.ToTimestamp()));
        return proto;
    }

    /// <summary>The feed position as an opaque token.</summary>
    public static string ResumeToken(long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("feed:" + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The feed position in a resume token: 0 (from the start) when empty.</summary>
    public static long ParseResumeToken(string token, Validation validation)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith("feed:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
        }

        validation.Add("resume_token", "Not a resume token from this stream; leave it empty to start with every open offer.");
        return 0;
    }

    private static V1.Offer ToProto(Offer offer) => new()
    {
        Number = offer.Number,
        Member = Member.CollectionPrefix + offer.MemberId,
        Region = offer.Region.ResourceName(),
        Reason = offer.Reason,
        OfferTime = offer.OfferedAt.ToTimestamp(),
        Deadline = offer.Deadline.ToTimestamp(),
        Outcome = (V1.OfferOutcome)offer.Outcome,
        AnswerTime = offer.AnsweredAt?.ToTimestamp(),
        DeclineReason = offer.DeclineReason,
    };

    private static V1.Colleague ToProto(this ColleagueDetails colleague) =>
        new() { EmployeeId = colleague.EmployeeId, Team = colleague.Team, Contact = colleague.Contact };
}
