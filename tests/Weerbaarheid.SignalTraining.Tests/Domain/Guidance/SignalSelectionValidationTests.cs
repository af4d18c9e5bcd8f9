using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Guidance;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Guidance;

/// <summary>
/// A selection of signals is at least one signal, each once, none unspecified or unknown. Every bad entry is
/// reported by its place in the list, in one answer, and no description repeats what was sent.
/// </summary>
public sealed class SignalSelectionValidationTests
{
    private const Signal Unknown = (Signal)99;

    [Fact]
    public void No_signal_at_all_is_refused_on_the_list_itself()
    {
        var violation = Assert.Single(Refused());

        Assert.Equal("signals", violation.Field);
        Assert.Contains("at least one", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Unspecified_unknown_and_repeated_signals_are_each_refused_by_their_place()
    {
        var violations = Refused(
            Signal.Withdrawal, Signal.Unspecified, Unknown, Signal.Withdrawal, Signal.Alcohol, Signal.Alcohol, (Signal)(-1), Signal.Alcohol, Unknown);

        Assert.Equal(["signals[1]", "signals[2]", "signals[3]", "signals[5]", "signals[6]", "signals[7]", "signals[8]"], violations.Select(v => v.Field));
        Assert.Contains("signals[0]", violations[2].Description, StringComparison.Ordinal); // the first Withdrawal
        Assert.Contains("signals[4]", violations[3].Description, StringComparison.Ordinal); // the first Alcohol
        Assert.Contains("signals[4]", violations[5].Description, StringComparison.Ordinal);
        Assert.Contains("ListSignals", violations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_path_other_than_signals_is_used_when_given()
    {
        var exception = Assert.Throws<ValidationFailedException>(() => ShippedGuidance.Guidance.For([Signal.Unspecified], "request.signals"));

        Assert.Equal("request.signals[0]", Assert.Single(exception.Violations).Field);
    }

    [Fact]
    public void No_description_repeats_a_signal_or_a_number_that_was_sent()
    {
        var violations = Refused(Signal.TalksAboutSuicide, Signal.TalksAboutSuicide, Signal.Unspecified, Unknown, (Signal)12345);
        var sent = SignalNames.All.SelectMany(s => new[] { SignalNames.Of(s), s.ToString() })
            .Concat(["99", "12345", "UNSPECIFIED", "Unspecified", "suicide", "zelfdoding"]);

        Assert.Equal(4, violations.Count);
        Assert.All(violations, v => Assert.All(sent, word => Assert.DoesNotContain(word, v.Description, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void A_huge_list_of_bad_entries_is_answered_briefly_with_the_rest_counted()
    {
        var violations = Refused([.. Enumerable.Repeat(Signal.Unspecified, 1000)]);

        Assert.Equal(SignalGuidance.MaxListedViolations + 1, violations.Count);
        Assert.Equal("signals[49]", violations[SignalGuidance.MaxListedViolations - 1].Field);
        Assert.Equal("signals", violations[^1].Field);
        Assert.Contains("950 more", violations[^1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_signal_once_is_accepted()
    {
        Assert.Equal(Urgency.Now, ShippedGuidance.For([.. SignalNames.All]).Urgency);
    }

    private static IReadOnlyList<FieldViolation> Refused(params Signal[] signals) =>
        Assert.Throws<ValidationFailedException>(() => ShippedGuidance.Guidance.For(signals)).Violations;
}
