using Weerbaarheid.SignalTraining.Domain.Guidance;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Guidance;

/// <summary>The guidance shipped with the service, loaded once for the domain tests, and the topics it may name.</summary>
internal static class ShippedGuidance
{
    /// <summary>Offerings' topics as its contract names them (checked against the contract in <see cref="ShippedGuidanceTests"/>).</summary>
    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
    {
        "TOPIC_STRESS", "TOPIC_BURNOUT", "TOPIC_PTSD", "TOPIC_HEAVY_INCIDENT", "TOPIC_UNSAFE_WORKPLACE",
        "TOPIC_PHYSICAL_CONDITION", "TOPIC_TEAM_REFLECTION", "TOPIC_RETURN_TO_WORK", "TOPIC_RESILIENCE",
        "TOPIC_HOME_SITUATION", "TOPIC_WORKPLACE_RISKS", "TOPIC_EARLY_SIGNALS",
    };

    private static readonly Lazy<SignalGuidance> Loaded = new(() => SignalGuidance.Shipped(Topics));

    public static SignalGuidance Guidance => Loaded.Value;

    /// <summary>A fresh copy of the shipped definition, to modify.</summary>
    public static GuidanceDefinition Definition => SignalGuidance.Parse(SignalGuidance.ShippedJson());

    /// <summary>The guidance for <paramref name="signals"/>.</summary>
    public static Advice For(params Signal[] signals) => Guidance.For(signals);

    /// <summary>The ids of the steps of <paramref name="advice"/>, in order.</summary>
    public static string[] StepIds(this Advice advice) => advice.Steps.Select(s => s.Id).ToArray();
}
