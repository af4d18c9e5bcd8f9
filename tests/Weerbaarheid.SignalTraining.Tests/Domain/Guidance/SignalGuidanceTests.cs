using Weerbaarheid.SignalTraining.Domain.Guidance;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Guidance;

/// <summary>
/// What a manager is advised for the signals they tick: each signal on its own, the combination rules, someone
/// who talks about suicide, and the guarantees that hold for any selection (highest urgency wins, steps once and
/// in order, the order of ticking does not matter).
/// </summary>
public sealed class SignalGuidanceTests
{
    /// <summary>Every signal alone: how urgent, and the steps in order.</summary>
    public static TheoryData<Signal, Urgency, string[]> Alone => new()
    {
        { Signal.Withdrawal, Urgency.Attention, ["conversation", "keep-in-touch", "own-support"] },
        { Signal.Irritability, Urgency.Attention, ["conversation", "keep-in-touch", "own-support"] },
        { Signal.Absence, Urgency.Soon, ["conversation", "company-doctor", "keep-in-touch", "own-support"] },
        { Signal.SleepProblems, Urgency.Attention, ["conversation", "keep-in-touch", "own-support"] },
        { Signal.Alcohol, Urgency.Soon, ["safe-at-work", "conversation", "bmw", "own-support"] },
        { Signal.Cynicism, Urgency.Attention, ["conversation", "keep-in-touch", "blauw-vakmanschap", "own-support"] },
        { Signal.HeavyIncident, Urgency.Today, ["conversation", "tco", "trauma-follow-up", "blauw-vakmanschap", "own-support"] },
        { Signal.TeamConflict, Urgency.Soon, ["conversation", "vgw", "keep-in-touch", "own-support"] },
        { Signal.Concentration, Urgency.Soon, ["conversation", "keep-in-touch", "own-support"] },
        { Signal.Reliving, Urgency.Soon, ["conversation", "bmw", "trauma-follow-up", "own-support"] },
        { Signal.PhysicalComplaints, Urgency.Attention, ["conversation", "keep-in-touch", "own-support"] },
        { Signal.Overworking, Urgency.Attention, ["conversation", "workload", "keep-in-touch", "own-support"] },
        { Signal.TalksAboutSuicide, Urgency.Now, ["safety-first", "conversation", "desk-24-7", "professional-help", "own-support"] },
    };

    /// <summary>Steps that come before the conversation because someone may be in danger.</summary>
    private static readonly string[] DangerSteps = ["safety-first", "safe-at-work"];

    [Fact]
    public void The_table_of_single_signals_names_every_signal()
    {
        Assert.Equal(SignalNames.All, Alone.Select(row => (Signal)row[0]));
    }

    [Theory]
    [MemberData(nameof(Alone))]
    public void Each_signal_alone_gives_its_urgency_and_steps(Signal signal, Urgency urgency, string[] steps)
    {
        var advice = ShippedGuidance.For(signal);

        Assert.Equal(urgency, advice.Urgency);
        Assert.Equal(steps, advice.StepIds());
        Assert.Empty(advice.Combinations);
    }

    [Theory]
    [MemberData(nameof(Alone))]
    public void Each_signal_alone_starts_with_the_conversation_unless_someone_is_in_danger_and_ends_with_the_managers_own_support(
        Signal signal, Urgency urgency, string[] steps)
    {
        _ = (urgency, steps);
        var ids = ShippedGuidance.For(signal).StepIds();

        var beforeConversation = ids.TakeWhile(id => id != "conversation").ToArray();
        Assert.All(beforeConversation, id => Assert.Contains(id, DangerSteps));
        Assert.Contains("conversation", ids);
        Assert.Equal("own-support", ids[^1]);
    }

    [Theory]
    [MemberData(nameof(Alone))]
    public void Each_signal_alone_asks_offerings_for_its_own_topics_at_the_severity_of_its_urgency(Signal signal, Urgency urgency, string[] steps)
    {
        _ = steps;
        var advice = ShippedGuidance.For(signal);
        var definition = ShippedGuidance.Guidance.Signals.Single(s => s.Signal == signal);
        var level = ShippedGuidance.Definition.Urgencies.Single(u => u.Urgency == urgency);

        Assert.Equal(definition.Topics, advice.Topics);
        Assert.Equal(level.Severity, advice.Severity);
        Assert.Equal(level.Summary, advice.Summary);
        Assert.All(advice.Steps, step => Assert.True(step.Title.IsComplete && step.Text.IsComplete, step.Id));
    }

    // Combinations

    [Fact]
    public void Three_signals_together_raise_the_urgency_to_soon_and_bring_in_company_social_work()
    {
        var two = ShippedGuidance.For(Signal.Withdrawal, Signal.SleepProblems);
        var three = ShippedGuidance.For(Signal.Withdrawal, Signal.SleepProblems, Signal.Irritability);

        Assert.Equal(Urgency.Attention, two.Urgency);
        Assert.DoesNotContain("bmw", two.StepIds());
        Assert.Empty(two.Combinations);

        Assert.Equal(Urgency.Soon, three.Urgency);
        Assert.Equal(Severity.Moderate, three.Severity);
        Assert.Equal(["several-signals"], three.Combinations);
        Assert.Equal(["conversation", "bmw", "keep-in-touch", "own-support"], three.StepIds());
        // The rule's note follows the summary of the urgency, in both languages.
        Assert.Contains("bedrijfsmaatschappelijk werk", three.Summary.Nl, StringComparison.Ordinal);
        Assert.Contains("(BMW)", three.Summary.En, StringComparison.Ordinal);
        Assert.NotEqual(two.Summary, three.Summary);
    }

    [Fact]
    public void Three_signals_never_lower_a_higher_urgency()
    {
        var advice = ShippedGuidance.For(Signal.Withdrawal, Signal.Irritability, Signal.HeavyIncident);

        Assert.Equal(Urgency.Today, advice.Urgency);
        Assert.Contains("several-signals", advice.Combinations);
    }

    [Fact]
    public void Alcohol_and_absence_together_are_urgent_today_and_bring_the_company_doctor_to_alcohol()
    {
        var both = ShippedGuidance.For(Signal.Absence, Signal.Alcohol);

        Assert.DoesNotContain("company-doctor", ShippedGuidance.For(Signal.Alcohol).StepIds());
        Assert.Equal(Urgency.Soon, ShippedGuidance.For(Signal.Absence).Urgency);
        Assert.Equal(["alcohol-and-absence"], both.Combinations);
        Assert.Equal(Urgency.Today, both.Urgency);
        Assert.Equal(["safe-at-work", "conversation", "bmw", "company-doctor", "keep-in-touch", "own-support"], both.StepIds());
        var doctor = both.Steps.Single(s => s.Id == "company-doctor");
        Assert.Equal("Bedrijfsarts", doctor.Involve?.Nl);
    }

    [Fact]
    public void Reliving_after_a_heavy_incident_brings_professional_help_and_the_ptsd_topic()
    {
        var advice = ShippedGuidance.For(Signal.Reliving, Signal.HeavyIncident);

        Assert.Equal(["incident-and-reliving"], advice.Combinations);
        Assert.Equal(Urgency.Today, advice.Urgency);
        Assert.Equal(["conversation", "tco", "professional-help", "bmw", "trauma-follow-up", "blauw-vakmanschap", "own-support"], advice.StepIds());
        Assert.Contains("TOPIC_PTSD", advice.Topics);
        Assert.DoesNotContain("professional-help", ShippedGuidance.For(Signal.Reliving).StepIds());
        Assert.DoesNotContain("professional-help", ShippedGuidance.For(Signal.HeavyIncident).StepIds());
    }

    // Someone who talks about suicide

    [Fact]
    public void Talk_of_suicide_means_act_now_with_staying_and_calling_112_or_113_as_the_very_first_step()
    {
        var advice = ShippedGuidance.For(Signal.TalksAboutSuicide);

        Assert.Equal(Urgency.Now, advice.Urgency);
        Assert.Equal(Severity.Urgent, advice.Severity);
        var first = advice.Steps[0];
        Assert.Equal("safety-first", first.Id);
        Assert.Equal("112 · 113 · 0800-0113", first.Contact);
        foreach (var text in new[] { first.Text.Nl, first.Text.En })
        {
            Assert.Contains("112", text, StringComparison.Ordinal);
            Assert.Contains("113", text, StringComparison.Ordinal);
            Assert.Contains("0800-0113", text, StringComparison.Ordinal);
        }

        Assert.Contains("niet alleen", first.Text.Nl, StringComparison.Ordinal);
        Assert.Contains("alone", first.Text.En, StringComparison.Ordinal);
        Assert.Contains("112", advice.Summary.Nl, StringComparison.Ordinal);
        Assert.Contains("0800-0113", advice.Summary.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Talk_of_suicide_comes_first_whatever_else_is_ticked_and_in_whatever_order()
    {
        var advice = ShippedGuidance.For(Signal.TeamConflict, Signal.Alcohol, Signal.Absence, Signal.HeavyIncident, Signal.TalksAboutSuicide);

        Assert.Equal(Urgency.Now, advice.Urgency);
        Assert.Equal(Severity.Urgent, advice.Severity);
        Assert.Equal(["safety-first", "safe-at-work", "conversation"], advice.StepIds().Take(3));
        Assert.Equal(["several-signals", "alcohol-and-absence"], advice.Combinations);
    }

    // For any selection

    [Fact]
    public void The_highest_urgency_of_the_signals_wins()
    {
        Assert.Equal(Urgency.Soon, ShippedGuidance.For(Signal.Withdrawal, Signal.Absence).Urgency);
        Assert.Equal(Urgency.Today, ShippedGuidance.For(Signal.Absence, Signal.HeavyIncident).Urgency);
        Assert.Equal(Urgency.Now, ShippedGuidance.For(Signal.HeavyIncident, Signal.TalksAboutSuicide).Urgency);
    }

    [Fact]
    public void A_step_that_several_signals_call_for_is_listed_once_and_so_is_a_topic()
    {
        var advice = ShippedGuidance.For(Signal.Withdrawal, Signal.Irritability);

        Assert.Equal(["conversation", "keep-in-touch", "own-support"], advice.StepIds());
        Assert.Equal(["TOPIC_STRESS", "TOPIC_BURNOUT", "TOPIC_EARLY_SIGNALS"], advice.Topics);
    }

    [Fact]
    public void The_order_in_which_signals_are_ticked_changes_nothing()
    {
        Signal[] signals = [Signal.Overworking, Signal.TalksAboutSuicide, Signal.Cynicism, Signal.Reliving, Signal.HeavyIncident];

        var forward = ShippedGuidance.For(signals);
        var backward = ShippedGuidance.For([.. signals.Reverse()]);

        Assert.Equal(forward.Urgency, backward.Urgency);
        Assert.Equal(forward.Summary, backward.Summary);
        Assert.Equal(forward.StepIds(), backward.StepIds());
        Assert.Equal(forward.Topics, backward.Topics);
        Assert.Equal(forward.Combinations, backward.Combinations);
    }

    [Fact]
    public void Every_signal_at_once_still_gives_one_ordered_list_of_steps()
    {
        var advice = ShippedGuidance.For([.. SignalNames.All]);
        var order = ShippedGuidance.Definition.Steps.Select(s => s.Id).ToList();

        Assert.Equal(Urgency.Now, advice.Urgency);
        Assert.Equal(order, advice.StepIds()); // every step is used, so all of them, in the file's order
        Assert.Equal(advice.Topics.Distinct(), advice.Topics);
        Assert.Equal(["several-signals", "alcohol-and-absence", "incident-and-reliving"], advice.Combinations);
    }
}
