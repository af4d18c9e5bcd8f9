using System.Text.RegularExpressions;
using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SignalTraining.Domain.Guidance;
using Weerbaarheid.SignalTraining.Grpc;
using LocalizedText = Weerbaarheid.SignalTraining.Domain.LocalizedText;
using OfferingsV1 = Weerbaarheid.Offerings.V1;
using SignalGuidanceReflection = Weerbaarheid.SignalTraining.V1.SignalGuidanceReflection;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Guidance;

/// <summary>
/// The guidance file shipped with the service loads, checks clean and covers the contract: every signal once,
/// with texts in both languages, only Offerings topics, no step that nothing uses, and no phone number but the
/// ones the programme publishes.
/// </summary>
public sealed partial class ShippedGuidanceTests
{
    private static readonly string[] PublishedNumbers = ["112", "113", "0800-0113", "0900-8844"];

    [Fact]
    public void The_shipped_guidance_loads_and_checks_clean()
    {
        Assert.Empty(GuidanceDefinitionCheck.Problems(ShippedGuidance.Definition, ShippedGuidance.Topics));
        Assert.NotNull(SignalGuidance.Shipped(GuidanceRecommendations.OfferingTopics));
    }

    [Fact]
    public void It_lists_every_signal_of_the_contract_once_in_the_contracts_order()
    {
        var contract = SignalGuidanceReflection.Descriptor.EnumTypes.Single(e => e.Name == "Signal").Values
            .Where(v => v.Number != 0).Select(v => v.Number);

        Assert.Equal(contract, ShippedGuidance.Guidance.Signals.Select(s => (int)s.Signal));
    }

    [Fact]
    public void The_domains_signals_are_the_contracts_by_number_and_name()
    {
        var contract = SignalGuidanceReflection.Descriptor.EnumTypes.Single(e => e.Name == "Signal").Values
            .Select(v => (v.Number, v.Name)).ToArray();

        Assert.Equal(contract, Enum.GetValues<Signal>().Select(s => ((int)s, SignalNames.Of(s))).ToArray());
        Assert.All(contract, value => Assert.Equal(value.Number, (int?)SignalNames.Parse(value.Name)));
    }

    [Fact]
    public void The_topics_the_tests_allow_are_offerings_topics_exactly()
    {
        var contract = Enum.GetValues<OfferingsV1.Topic>().Where(t => t != OfferingsV1.Topic.Unspecified).Select(ProtoNames.Of);

        Assert.Equal(contract.Order(StringComparer.Ordinal), ShippedGuidance.Topics.Order(StringComparer.Ordinal));
        Assert.Equal(contract.Order(StringComparer.Ordinal), GuidanceRecommendations.OfferingTopics.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_signal_has_a_label_an_explanation_topics_and_steps()
    {
        Assert.All(ShippedGuidance.Guidance.Signals, signal =>
        {
            Assert.True(signal.Label.IsComplete, SignalNames.Of(signal.Signal));
            Assert.True(signal.Explanation.IsComplete, SignalNames.Of(signal.Signal));
            Assert.True(signal.Explanation.Nl.Length > signal.Label.Nl.Length);
            Assert.NotEmpty(signal.Topics);
            Assert.All(signal.Topics, topic => Assert.Contains(topic, ShippedGuidance.Topics));
            Assert.NotEmpty(signal.Steps);
        });
    }

    [Fact]
    public void Every_step_is_used_by_a_signal_a_combination_or_every_guidance()
    {
        var definition = ShippedGuidance.Definition;
        var used = definition.AlwaysSteps
            .Concat(definition.Signals.SelectMany(s => s.Steps))
            .Concat(definition.Combinations.SelectMany(c => c.Steps))
            .ToHashSet();

        Assert.DoesNotContain(definition.Steps, step => !used.Contains(step.Id));
    }

    [Fact]
    public void The_guidance_names_no_phone_number_but_the_published_ones()
    {
        var definition = ShippedGuidance.Definition;
        var texts = definition.Urgencies.SelectMany(u => Texts(u.Summary))
            .Concat(definition.Steps.SelectMany(s => Texts(s.Title, s.Text, s.Involve).Append(s.Contact ?? "")))
            .Concat(definition.Signals.SelectMany(s => Texts(s.Label, s.Explanation)))
            .Concat(definition.Combinations.SelectMany(c => Texts(c.Note)));

        var numbers = texts.SelectMany(t => PhoneNumber().Matches(t).Select(m => m.Value)).Distinct().ToArray();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, number => Assert.Contains(number, PublishedNumbers));
    }

    [Fact]
    public void Severity_rises_with_urgency_up_to_urgent_when_someone_may_be_in_danger()
    {
        var levels = ShippedGuidance.Definition.Urgencies.OrderBy(u => u.Urgency).Select(u => (u.Urgency, u.Severity));

        Assert.Equal(
            [(Urgency.Attention, Severity.Mild), (Urgency.Soon, Severity.Moderate), (Urgency.Today, Severity.Severe), (Urgency.Now, Severity.Urgent)],
            levels);
    }

    private static IEnumerable<string> Texts(params LocalizedText?[] texts) =>
        texts.OfType<LocalizedText>().SelectMany(t => new[] { t.Nl, t.En });

    [GeneratedRegex(@"\b\d[\d-]{1,}\d\b")]
    private static partial Regex PhoneNumber();
}
