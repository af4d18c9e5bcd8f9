using Weerbaarheid.SignalTraining.Domain.Guidance;
using DomainText = Weerbaarheid.SignalTraining.Domain.LocalizedText;
using Proto = Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Grpc;

/// <summary>Signal guidance, domain to contract and back. No rules here: what signals mean is decided in the domain.</summary>
internal static class GuidanceMapper
{
    public static Proto.SignalDefinition ToProto(this SignalDefinition definition) => new()
    {
        Signal = (Proto.Signal)(int)definition.Signal,
        Label = Text(definition.Label),
        Explanation = Text(definition.Explanation),
    };

    public static Proto.GetSignalGuidanceResponse ToProto(this Advice advice, GuidanceRecommendationAnswer recommended)
    {
        var response = new Proto.GetSignalGuidanceResponse
        {
            Urgency = advice.Urgency.ToProto(),
            Summary = Text(advice.Summary),
            RecommendationSource = recommended.Source,
            RecommendationNote = recommended.Note,
        };
        response.Steps.AddRange(advice.Steps.Select(step => new Proto.GuidanceStep
        {
            Id = step.Id,
            Title = Text(step.Title),
            Text = Text(step.Text),
            Involve = step.Involve is null ? null : Text(step.Involve),
            Contact = step.Contact ?? "",
        }));
        response.Recommendations.AddRange(recommended.Offerings);
        return response;
    }

    public static Proto.Urgency ToProto(this Urgency urgency) => urgency switch
    {
        Urgency.Attention => Proto.Urgency.Attention,
        Urgency.Soon => Proto.Urgency.Soon,
        Urgency.Today => Proto.Urgency.Today,
        Urgency.Now => Proto.Urgency.Now,
        _ => Proto.Urgency.Unspecified,
    };

    /// <summary>
    /// The signals as the request sends them. The numbers are the same on both sides; a number the contract
    /// does not define stays what it is, so the domain can refuse it by its place in the list.
    /// </summary>
    public static IReadOnlyList<Signal> ToDomain(this IEnumerable<Proto.Signal> signals) =>
        signals.Select(s => (Signal)(int)s).ToArray();

    // Not an extension method: the training mapper has one for the same type in this namespace.
    private static Proto.LocalizedText Text(DomainText text) => new() { Nl = text.Nl, En = text.En };
}
