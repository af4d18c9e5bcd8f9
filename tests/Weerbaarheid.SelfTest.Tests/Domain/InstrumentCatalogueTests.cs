using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>The shipped definitions load, check clean, and take configuration only within the published ranges.</summary>
public sealed class InstrumentCatalogueTests
{
    private static readonly string[] KnownTopics =
    [
        "TOPIC_STRESS", "TOPIC_BURNOUT", "TOPIC_PTSD", "TOPIC_HEAVY_INCIDENT", "TOPIC_UNSAFE_WORKPLACE",
        "TOPIC_PHYSICAL_CONDITION", "TOPIC_TEAM_REFLECTION", "TOPIC_RETURN_TO_WORK", "TOPIC_RESILIENCE",
        "TOPIC_HOME_SITUATION", "TOPIC_WORKPLACE_RISKS", "TOPIC_EARLY_SIGNALS",
    ];

    public static TheoryData<string> ShippedIds => new() { "gad-7", "k10", "pcl-5", "phq-9", "who-5" };

    [Fact]
    public void The_catalogue_loads_all_five_shipped_instruments()
    {
        var catalogue = InstrumentCatalogue.Shipped();

        Assert.Equal(["gad-7", "k10", "pcl-5", "phq-9", "who-5"], catalogue.Current.Select(i => i.Id));
        Assert.All(catalogue.Current, i => Assert.Equal([1], catalogue.VersionsOf(i.Id)));
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Every_shipped_definition_checks_clean(string id)
    {
        Assert.Empty(InstrumentDefinitionCheck.Problems(ShippedInstruments.Get(id)));
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Every_shipped_definition_names_only_known_topics(string id)
    {
        var instrument = ShippedInstruments.Get(id);

        Assert.NotEmpty(instrument.Topics);
        Assert.All(instrument.Topics, topic => Assert.Contains(topic, KnownTopics));
        Assert.Equal(instrument.Topics.Count, instrument.Topics.Distinct().Count());
    }

    /// <summary>Instrument, number of items, answer values, topics.</summary>
    public static TheoryData<string, int, int[], string[]> Shapes => new()
    {
        { "phq-9", 9, [0, 1, 2, 3], ["TOPIC_STRESS", "TOPIC_BURNOUT"] },
        { "gad-7", 7, [0, 1, 2, 3], ["TOPIC_STRESS"] },
        { "k10", 10, [1, 2, 3, 4, 5], ["TOPIC_STRESS", "TOPIC_BURNOUT"] },
        { "pcl-5", 20, [0, 1, 2, 3, 4], ["TOPIC_PTSD", "TOPIC_HEAVY_INCIDENT"] },
        { "who-5", 5, [0, 1, 2, 3, 4, 5], ["TOPIC_RESILIENCE", "TOPIC_STRESS"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_shipped_instrument_has_the_published_items_and_answers(string id, int items, int[] values, string[] topics)
    {
        var instrument = ShippedInstruments.Get(id);

        Assert.Equal(Enumerable.Range(1, items), instrument.Items.Select(i => i.Number));
        Assert.Equal(values, instrument.Options.Select(o => o.Value));
        Assert.Equal(topics, instrument.Topics);
    }

    [Theory]
    [InlineData("phq-9", "No permission required")]
    [InlineData("gad-7", "No permission required")]
    [InlineData("k10", "Free to use without permission")]
    [InlineData("pcl-5", "Public domain")]
    [InlineData("who-5", "CC BY-NC-SA 3.0")]
    public void Every_shipped_instrument_states_its_source_and_terms(string id, string terms)
    {
        var source = ShippedInstruments.Get(id).Source;

        Assert.Contains(terms, source.TermsOfUse.En, StringComparison.Ordinal);
        Assert.Contains("validated Dutch translation", source.TermsOfUse.En, StringComparison.Ordinal);
        Assert.Contains("gevalideerde Nederlandse vertaling", source.TermsOfUse.Nl, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(source.Citation));
        Assert.False(string.IsNullOrWhiteSpace(source.Copyright));
        Assert.StartsWith("https://", source.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcl5_publishes_its_cutoff_as_a_parameter_from_31_to_33()
    {
        var cutoff = Assert.Single(ShippedInstruments.Get("pcl-5").Parameters);

        Assert.Equal(("cutoff", 33, 31, 33), (cutoff.Id, cutoff.Value, cutoff.Minimum, cutoff.Maximum));
        Assert.Equal("Afkappunt voor waarschijnlijke PTSS", cutoff.Label.Nl);
        Assert.Equal("Cut-off for probable PTSD", cutoff.Label.En);
    }

    [Fact]
    public void Find_returns_a_version_or_the_newest()
    {
        var catalogue = ShippedInstruments.Catalogue;

        Assert.True(catalogue.Exists("pcl-5"));
        Assert.False(catalogue.Exists("pcl-6"));
        Assert.Same(catalogue.Find("pcl-5"), catalogue.Find("pcl-5", 1));
        Assert.Null(catalogue.Find("pcl-5", 2));
        Assert.Null(catalogue.Find("pcl-6"));
        Assert.Empty(catalogue.VersionsOf("pcl-6"));
        Assert.Equal("instruments/pcl-5", catalogue.Find("pcl-5")!.Name);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Pcl5_cutoff_is_configurable_within_the_published_range(int cutoff)
    {
        var catalogue = InstrumentCatalogue.Shipped(Configured("pcl-5", "cutoff", cutoff));

        Assert.Equal(cutoff, catalogue.Find("pcl-5")!.Parameters.Single().Value);
        Assert.Equal(5, catalogue.Current.Count);
    }

    [Theory]
    [InlineData("pcl-5", "cutoff", 30, "SelfTest:Instruments:pcl-5:cutoff", "31 to 33")]
    [InlineData("pcl-5", "cutoff", 34, "SelfTest:Instruments:pcl-5:cutoff", "31 to 33")]
    [InlineData("pcl-6", "cutoff", 33, "SelfTest:Instruments:pcl-6", "no instrument 'pcl-6'")]
    [InlineData("pcl-5", "threshold", 33, "SelfTest:Instruments:pcl-5:threshold", "no parameter 'threshold'")]
    [InlineData("phq-9", "cutoff", 33, "SelfTest:Instruments:phq-9:cutoff", "no parameter 'cutoff'")]
    public void Configuration_outside_the_published_parameters_stops_the_service(string id, string parameter, int value, string key, string problem)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => InstrumentCatalogue.Shipped(Configured(id, parameter, value)));

        Assert.StartsWith(key, exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_configuration_problem_is_reported_at_once()
    {
        var values = new Dictionary<string, Dictionary<string, int>>
        {
            ["pcl-5"] = new() { ["cutoff"] = 40, ["threshold"] = 1 },
            ["nope"] = new() { ["x"] = 1 },
        };

        var exception = Assert.Throws<InvalidOperationException>(() => InstrumentCatalogue.Shipped(values));

        Assert.Equal(3, exception.Message.Split(Environment.NewLine).Length);
    }

    private static Dictionary<string, Dictionary<string, int>> Configured(string id, string parameter, int value) =>
        new() { [id] = new() { [parameter] = value } };
}
