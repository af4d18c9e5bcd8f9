using Weerbaarheid.SignalTraining.Domain.Guidance;
using LocalizedText = Weerbaarheid.SignalTraining.Domain.LocalizedText;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Guidance;

/// <summary>
/// A guidance definition that could send a manager the wrong way is refused before the service starts, with
/// every problem named: a signal missing or twice, a topic Offerings does not know, a step that does not exist,
/// text in one language only, an urgency without its summary, a rule without a condition, or a file that
/// cannot be read at all.
/// </summary>
public sealed class GuidanceDefinitionCheckTests
{
    private static GuidanceDefinition Shipped => ShippedGuidance.Definition;

    [Fact]
    public void A_missing_signal_is_named()
    {
        var definition = Shipped with { Signals = [.. Shipped.Signals.Where(s => s.Signal != Signal.Alcohol)] };

        Assert.Equal(["SIGNAL_ALCOHOL: missing."], Problems(definition));
    }

    [Fact]
    public void A_signal_defined_twice_is_named()
    {
        var definition = Shipped with { Signals = [.. Shipped.Signals, Shipped.Signals[2]] };

        Assert.Equal(["SIGNAL_ABSENCE: defined 2 times."], Problems(definition));
    }

    [Fact]
    public void The_unspecified_signal_or_a_number_outside_the_contract_is_not_a_signal()
    {
        var definition = Shipped with
        {
            Signals = [.. Shipped.Signals, Shipped.Signals[0] with { Signal = Signal.Unspecified }, Shipped.Signals[0] with { Signal = (Signal)42 }],
        };

        Assert.Equal(["SIGNAL_UNSPECIFIED: not a signal a manager can tick.", "42: not a signal a manager can tick."], Problems(definition));
    }

    [Fact]
    public void A_topic_offerings_does_not_know_is_named_with_the_ones_it_does()
    {
        var definition = WithSignal(Signal.Cynicism, s => s with { Topics = ["TOPIC_BURNOUT", "TOPIC_CYNICISM"] });

        var problem = Assert.Single(Problems(definition));

        Assert.StartsWith("SIGNAL_CYNICISM: 'TOPIC_CYNICISM' is not an Offerings topic; use one of TOPIC_BURNOUT, ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_without_topics_is_refused_because_nothing_could_be_recommended()
    {
        var definition = WithSignal(Signal.Withdrawal, s => s with { Topics = [] });

        Assert.Equal(["SIGNAL_WITHDRAWAL: needs at least one Offerings topic."], Problems(definition));
    }

    [Fact]
    public void A_step_that_does_not_exist_is_named_wherever_it_is_referred_to()
    {
        var definition = WithSignal(Signal.HeavyIncident, s => s with { Steps = ["tco", "debriefing"] }) with
        {
            AlwaysSteps = ["conversation", "gesprek"],
            Combinations = [Shipped.Combinations[0] with { Steps = ["bmw", "bmw"] }, .. Shipped.Combinations.Skip(1)],
        };

        Assert.Equal(
            [
                "alwaysSteps: step 'gesprek' does not exist.",
                "SIGNAL_HEAVY_INCIDENT: step 'debriefing' does not exist.",
                "combination 'several-signals': a step is named more than once.",
            ],
            Problems(definition));
    }

    [Fact]
    public void Text_in_one_language_only_is_refused()
    {
        var definition = WithSignal(Signal.Reliving, s => s with { Explanation = s.Explanation with { En = " " } }) with
        {
            Steps = [Shipped.Steps[0] with { Involve = new LocalizedText("112", "") }, .. Shipped.Steps.Skip(1)],
        };

        Assert.Equal(
            [
                "step 'safety-first': 'involve', when given, needs Dutch and English text.",
                "SIGNAL_RELIVING: label and explanation need Dutch and English text.",
            ],
            Problems(definition));
    }

    [Fact]
    public void Steps_must_have_unique_well_formed_ids()
    {
        var definition = Shipped with { Steps = [.. Shipped.Steps, Shipped.Steps[^1], Shipped.Steps[^1] with { Id = "Eigen Steun" }] };

        Assert.Equal(["step 'Eigen Steun': an id is lower-case words joined by '-'.", "step 'own-support': defined 2 times."], Problems(definition));
    }

    [Fact]
    public void Every_urgency_needs_its_summary_and_a_severity_that_rises_with_it()
    {
        var definition = Shipped with
        {
            Urgencies = [.. Shipped.Urgencies.Where(u => u.Urgency != Urgency.Now).Select(u => u.Urgency == Urgency.Today ? u with { Severity = Severity.None } : u)],
        };

        Assert.Equal(["urgency Now: missing.", "urgencies: a more urgent level must not ask for a lower severity."], Problems(definition));
    }

    [Fact]
    public void A_combination_needs_a_condition_known_signals_and_something_to_add()
    {
        var definition = Shipped with
        {
            Combinations =
            [
                .. Shipped.Combinations,
                new CombinationRule("always", [], ["bmw"], []),
                new CombinationRule("nothing", [Signal.Alcohol, Signal.Unspecified], [], []),
                new CombinationRule("too-many", [], [], [], MinimumSignals: 14, Urgency: Urgency.Soon),
                Shipped.Combinations[1],
            ],
        };

        Assert.Equal(
            [
                "combination 'always': needs 'allOf' signals or a 'minimumSignals' of 2 or more.",
                "combination 'nothing': SIGNAL_UNSPECIFIED is not a signal a manager can tick.",
                "combination 'nothing': adds nothing; give it an urgency, steps or topics.",
                "combination 'too-many': 'minimumSignals' is between 0 and 13.",
                "combination 'alcohol-and-absence': defined 2 times.",
            ],
            Problems(definition));
    }

    [Fact]
    public void An_empty_entry_or_a_missing_list_is_reported_not_crashed_on()
    {
        var definition = Shipped with { Steps = [.. Shipped.Steps, null!], Combinations = null! };

        Assert.Equal(["steps: an entry is empty.", "combinations: missing."], Problems(definition));
    }

    [Fact]
    public void A_broken_definition_stops_the_guidance_with_every_problem_in_one_message()
    {
        var definition = Shipped with
        {
            Signals =
            [
                .. Shipped.Signals
                    .Where(s => s.Signal != Signal.Absence)
                    .Select(s => s.Signal == Signal.Cynicism ? s with { Topics = ["TOPIC_CYNICISM"], Steps = ["nope"] } : s),
            ],
        };

        var exception = Assert.Throws<InvalidOperationException>(() => new SignalGuidance(definition, ShippedGuidance.Topics, "test guidance"));
        var lines = exception.Message.Split(Environment.NewLine);

        Assert.Equal("Invalid test guidance:", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("'TOPIC_CYNICISM' is not an Offerings topic", StringComparison.Ordinal));
        Assert.Contains("  SIGNAL_CYNICISM: step 'nope' does not exist.", lines);
        Assert.Contains("  SIGNAL_ABSENCE: missing.", lines);
    }

    [Fact]
    public void A_signal_name_the_contract_does_not_have_is_refused_where_the_file_names_it()
    {
        var json = SignalGuidance.ShippedJson().Replace("\"SIGNAL_CYNICISM\"", "\"SIGNAL_BORED\"", StringComparison.Ordinal);

        var exception = Assert.Throws<InvalidOperationException>(() => SignalGuidance.Parse(json, "signal guidance under test"));

        Assert.StartsWith("The signal guidance under test cannot be read at $.signals[5].signal: 'SIGNAL_BORED' is not a signal; use one of SIGNAL_WITHDRAWAL, ",
            exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_leaves_out_a_text_or_adds_an_unknown_field_is_refused_naming_it()
    {
        var withoutExplanation = SignalGuidance.ShippedJson().Replace("\"explanation\":", "\"uitleg\":", StringComparison.Ordinal);
        var withNullLabel = SignalGuidance.ShippedJson().Replace(
            "\"label\": { \"nl\": \"Cynisch\", \"en\": \"Cynical\" }", "\"label\": null", StringComparison.Ordinal);
        var withBadUrgency = SignalGuidance.ShippedJson().Replace("\"urgency\": \"today\"", "\"urgency\": \"tomorrow\"", StringComparison.Ordinal);

        Assert.Contains("uitleg", Assert.Throws<InvalidOperationException>(() => SignalGuidance.Parse(withoutExplanation)).Message, StringComparison.Ordinal);
        Assert.Contains("$.signals[5].label", Assert.Throws<InvalidOperationException>(() => SignalGuidance.Parse(withNullLabel)).Message, StringComparison.Ordinal);
        Assert.Contains("urgency", Assert.Throws<InvalidOperationException>(() => SignalGuidance.Parse(withBadUrgency)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_read_back_from_the_shipped_text_checks_clean_with_its_rules_intact()
    {
        var definition = Shipped;

        Assert.Empty(Problems(definition));
        var several = definition.Combinations.Single(c => c.Id == "several-signals");
        Assert.Equal((3, Urgency.Soon), (several.MinimumSignals, several.Urgency));
        var alcohol = definition.Combinations.Single(c => c.Id == "alcohol-and-absence");
        Assert.Equal([Signal.Alcohol, Signal.Absence], alcohol.AllOf);
        Assert.Equal(0, alcohol.MinimumSignals);
        Assert.Null(definition.Steps.Single(s => s.Id == "conversation").Involve);
    }

    private static IReadOnlyList<string> Problems(GuidanceDefinition definition) =>
        GuidanceDefinitionCheck.Problems(definition, ShippedGuidance.Topics);

    private static GuidanceDefinition WithSignal(Signal signal, Func<SignalDefinition, SignalDefinition> change) =>
        Shipped with { Signals = [.. Shipped.Signals.Select(s => s.Signal == signal ? change(s) : s)] };
}
