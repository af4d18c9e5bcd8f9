using System.Text.Json;
using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>A definition that could score wrongly is caught before the service starts, with a problem naming it.</summary>
public sealed class InstrumentDefinitionCheckTests
{
    /// <summary>A small, valid definition with a parameter, a subscale and a rule of every kind.</summary>
    private const string Demo = """
        {
          "id": "demo",
          "version": 1,
          "title": { "nl": "Demotitel", "en": "Demo title" },
          "description": { "nl": "Demobeschrijving", "en": "Demo description" },
          "instruction": { "nl": "Demo-instructie", "en": "Demo instruction" },
          "options": [
            { "value": 0, "label": { "nl": "Nee", "en": "No" } },
            { "value": 1, "label": { "nl": "Soms", "en": "Sometimes" } },
            { "value": 2, "label": { "nl": "Ja", "en": "Yes" } }
          ],
          "items": [
            { "number": 1, "text": { "nl": "Vraag een", "en": "Question one" } },
            { "number": 2, "text": { "nl": "Vraag twee", "en": "Question two" } },
            { "number": 3, "text": { "nl": "Vraag drie", "en": "Question three" } }
          ],
          "total": { "label": { "nl": "Totaal", "en": "Total" } },
          "subscales": [
            { "id": "A", "items": [ 1, 2 ], "endorsedFrom": 2, "label": { "nl": "Deel A", "en": "Part A" } }
          ],
          "parameters": [
            { "id": "limit", "value": 4, "minimum": 3, "maximum": 5, "label": { "nl": "Grens", "en": "Limit" } }
          ],
          "bands": [
            { "id": "low", "from": 0, "severity": "none", "label": { "nl": "Laag", "en": "Low" }, "advice": { "nl": "Advies laag", "en": "Advice low" } },
            { "id": "middle", "from": 2, "severity": "mild", "label": { "nl": "Midden", "en": "Middle" }, "advice": { "nl": "Advies midden", "en": "Advice middle" } },
            { "id": "high", "from": "limit", "severity": "moderate", "label": { "nl": "Hoog", "en": "High" }, "advice": { "nl": "Advies hoog", "en": "Advice high" } }
          ],
          "rules": [
            { "kind": "itemAtLeast", "id": "item-3", "item": 3, "atLeast": 1, "severity": "urgent", "urgentHelp": true,
              "label": { "nl": "Regel 1", "en": "Rule 1" }, "advice": { "nl": "Advies 1", "en": "Advice 1" } },
            { "kind": "anyItemAtMost", "id": "low-item", "atMost": 0, "severity": "mild", "urgentHelp": false,
              "label": { "nl": "Regel 2", "en": "Rule 2" }, "advice": { "nl": "Advies 2", "en": "Advice 2" } },
            { "kind": "totalAtLeast", "id": "over-limit", "atLeast": "limit", "severity": "severe", "urgentHelp": false,
              "label": { "nl": "Regel 3", "en": "Rule 3" }, "advice": { "nl": "Advies 3", "en": "Advice 3" } },
            { "kind": "endorsedPattern", "id": "pattern", "minimums": { "A": 1 }, "severity": "moderate", "urgentHelp": false,
              "label": { "nl": "Regel 4", "en": "Rule 4" }, "advice": { "nl": "Advies 4", "en": "Advice 4" } }
          ],
          "topics": [ "TOPIC_STRESS" ],
          "source": { "citation": "Demo 2026", "copyright": "Demo", "termsOfUse": { "nl": "Vrij", "en": "Free" } }
        }
        """;

    [Fact]
    public void A_valid_definition_reads_into_the_records_and_checks_clean()
    {
        var demo = InstrumentCatalogue.Parse(Demo);

        Assert.Empty(InstrumentDefinitionCheck.Problems(demo));
        Assert.Equal(1, demo.Total.Multiplier);
        Assert.Null(demo.Total.Unit);
        Assert.Null(demo.Source.Url);
        Assert.Equal([Bound.Of(0), Bound.Of(2), Bound.OfParameter("limit")], demo.Bands.Select(b => b.From));
        Assert.Equal([Severity.None, Severity.Mild, Severity.Moderate], demo.Bands.Select(b => b.Severity));
        Assert.Collection(demo.Rules,
            r => Assert.Equal((3, 1), (Assert.IsType<ItemAtLeastRule>(r).Item, ((ItemAtLeastRule)r).AtLeast)),
            r => Assert.Equal(0, Assert.IsType<AnyItemAtMostRule>(r).AtMost),
            r => Assert.Equal(Bound.OfParameter("limit"), Assert.IsType<TotalAtLeastRule>(r).AtLeast),
            r => Assert.Equal(1, Assert.IsType<EndorsedPatternRule>(r).Minimums["A"]));
        Assert.Equal(Severity.Urgent, demo.Rules[0].Severity);
        Assert.True(demo.Rules[0].UrgentHelp);
        Assert.Equal(2, demo.Subscales[0].EndorsedFrom);
    }

    [Fact]
    public void A_valid_definition_is_scored_with_its_parameter()
    {
        var demo = InstrumentCatalogue.Parse(Demo);

        var result = SelfTestScorer.Score(demo, new Dictionary<int, int> { [1] = 2, [2] = 2, [3] = 0 });

        Assert.Equal("high", result.Band.Id);
        Assert.Equal(
            [("item-3", false), ("low-item", true), ("over-limit", true), ("pattern", true)],
            result.Rules.Select(r => (r.Rule.Id, r.Triggered)));
        Assert.Equal(Severity.Severe, result.Severity);
    }

    /// <summary>A change to the valid definition, and the problem it must cause.</summary>
    public static TheoryData<string, string, string> Breakages => new()
    {
        // Bands.
        { "\"from\": 2,", "\"from\": 5,", "bands start in ascending order within 0–6." },
        { "\"from\": 2,", "\"from\": 0,", "bands start in ascending order within 0–6." },
        { "\"from\": 0,", "\"from\": 1,", "the first band starts at the lowest score, 0." },
        { "\"from\": \"limit\"", "\"from\": 7", "bands start in ascending order within 0–6." },
        { "\"from\": \"limit\"", "\"from\": \"threshold\"", "bands start at a number or a known parameter, with a label and advice in both languages." },
        { "\"nl\": \"Advies midden\", ", "\"nl\": \" \", ", "bands start at a number or a known parameter, with a label and advice in both languages." },
        // Parameters.
        { "\"value\": 4, \"minimum\": 3", "\"value\": 6, \"minimum\": 3", "every parameter has a label and a value within its published range." },
        { "\"label\": { \"nl\": \"Grens\", \"en\": \"Limit\" }", "\"label\": { \"nl\": \"Grens\", \"en\": \" \" }", "every parameter has a label and a value within its published range." },
        // Texts.
        { "\"nl\": \"Demotitel\", ", "\"nl\": \" \", ", "title, description, instruction, total label and terms of use need Dutch and English text." },
        { "\"nl\": \"Vrij\"", "\"nl\": \"\"", "title, description, instruction, total label and terms of use need Dutch and English text." },
        { "\"nl\": \"Vraag twee\", ", "\"nl\": \" \", ", "every item needs Dutch and English text." },
        { "\"en\": \"Sometimes\"", "\"en\": \"\"", "every answer option needs a Dutch and English label." },
        { "\"citation\": \"Demo 2026\"", "\"citation\": \"\"", "the source needs a citation and a copyright notice." },
        // Items and options.
        { "\"number\": 3,", "\"number\": 4,", "items are numbered 1, 2, 3, ... in order." },
        { "\"number\": 2,", "\"number\": 3,", "items are numbered 1, 2, 3, ... in order." },
        { "\"value\": 2, \"label\"", "\"value\": 1, \"label\"", "at least two answer options, each with its own value." },
        { "\"items\": [ 1, 2 ]", "\"items\": [ 1, 4 ]", "every subscale has a label and only existing items." },
        // Rules.
        { "\"item\": 3,", "\"item\": 4,", "rule item-3 names item 4, which does not exist." },
        { "\"item\": 3,", "\"item\": 0,", "rule item-3 names item 0, which does not exist." },
        { "\"atLeast\": \"limit\"", "\"atLeast\": \"threshold\"", "rule over-limit names an unknown parameter." },
        { "\"minimums\": { \"A\": 1 }", "\"minimums\": { \"Z\": 1 }", "rule pattern needs subscales that define when an item is endorsed." },
        { "\"minimums\": { \"A\": 1 }", "\"minimums\": { }", "rule pattern needs subscales that define when an item is endorsed." },
        { "\"endorsedFrom\": 2, ", string.Empty, "rule pattern needs subscales that define when an item is endorsed." },
        { "\"nl\": \"Advies 2\", ", "\"nl\": \" \", ", "rule low-item needs a label and advice in both languages." },
        { "\"id\": \"pattern\"", "\"id\": \"low-item\"", "rule ids are unique." },
        // Identity.
        { "\"id\": \"demo\"", "\"id\": \"Demo Test\"", "the id must be lower-case words joined by '-'." },
        { "\"version\": 1", "\"version\": 0", "the version starts at 1." },
        { "\"id\": \"limit\"", "\"id\": \"limit\", \"minimum\": 3, \"value\": 4, \"maximum\": 5, \"label\": { \"nl\": \"G\", \"en\": \"L\" } }, { \"id\": \"limit\"", "parameter ids are unique." },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_definition_is_reported(string replace, string with, string problem)
    {
        Assert.Single(Occurrences(Demo, replace));
        var broken = InstrumentCatalogue.Parse(Demo.Replace(replace, with, StringComparison.Ordinal));

        var problems = InstrumentDefinitionCheck.Problems(broken).ToList();

        Assert.Contains($"{broken.Id} v{broken.Version}: {problem}", problems);
        var exception = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalogue([broken]));
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_bands_out_of_order_are_caught()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var swapped = phq9 with { Bands = [phq9.Bands[0], phq9.Bands[2], phq9.Bands[1], phq9.Bands[3], phq9.Bands[4]] };

        Assert.Contains("phq-9 v1: bands start in ascending order within 0–27.", InstrumentDefinitionCheck.Problems(swapped));
    }

    [Fact]
    public void Shipped_first_band_off_the_minimum_is_caught()
    {
        var k10 = ShippedInstruments.Get("k10");
        var fromZero = k10 with { Bands = [k10.Bands[0] with { From = Bound.Of(0) }, .. k10.Bands.Skip(1)] };

        Assert.Contains("k10 v1: the first band starts at the lowest score, 10.", InstrumentDefinitionCheck.Problems(fromZero));
    }

    [Fact]
    public void Shipped_who5_bands_are_checked_on_the_percentage()
    {
        var who5 = ShippedInstruments.Get("who-5");
        var beyond = who5 with { Bands = [.. who5.Bands.SkipLast(1), who5.Bands[^1] with { From = Bound.Of(101) }] };

        Assert.Contains("who-5 v1: bands start in ascending order within 0–100.", InstrumentDefinitionCheck.Problems(beyond));
    }

    [Fact]
    public void Shipped_unknown_parameter_is_caught()
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");
        var broken = pcl5 with
        {
            Bands = [pcl5.Bands[0], pcl5.Bands[1] with { From = Bound.OfParameter("threshold") }],
            Rules = [((TotalAtLeastRule)pcl5.Rules[0]) with { AtLeast = Bound.OfParameter("threshold") }, pcl5.Rules[1]],
        };

        var problems = InstrumentDefinitionCheck.Problems(broken);

        Assert.Contains("pcl-5 v1: bands start at a number or a known parameter, with a label and advice in both languages.", problems);
        Assert.Contains("pcl-5 v1: rule cutoff names an unknown parameter.", problems);
    }

    [Fact]
    public void Shipped_missing_dutch_text_is_caught()
    {
        var gad7 = ShippedInstruments.Get("gad-7");
        var broken = gad7 with { Items = [.. gad7.Items.Take(3), gad7.Items[3] with { Text = gad7.Items[3].Text with { Nl = " " } }, .. gad7.Items.Skip(4)] };

        Assert.Contains("gad-7 v1: every item needs Dutch and English text.", InstrumentDefinitionCheck.Problems(broken));
    }

    [Fact]
    public void Shipped_item_numbering_gap_and_a_rule_naming_a_missing_item_are_caught()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var gap = phq9 with { Items = [.. phq9.Items.Where(i => i.Number != 5)] };
        var rule = phq9 with { Rules = [((ItemAtLeastRule)phq9.Rules[0]) with { Item = 10 }] };

        Assert.Contains("phq-9 v1: items are numbered 1, 2, 3, ... in order.", InstrumentDefinitionCheck.Problems(gap));
        Assert.Contains("phq-9 v1: rule item-9 names item 9, which does not exist.", InstrumentDefinitionCheck.Problems(gap));
        Assert.Equal(["phq-9 v1: rule item-9 names item 10, which does not exist."], InstrumentDefinitionCheck.Problems(rule));
    }

    [Fact]
    public void The_same_version_twice_stops_the_catalogue()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var exception = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalogue([phq9, phq9 with { Title = phq9.Title }]));

        Assert.Contains("phq-9 version 1 is defined more than once.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_versions_of_an_instrument_are_both_kept_and_the_newest_is_current()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var catalogue = new InstrumentCatalogue([phq9 with { Version = 2 }, phq9]);

        Assert.Equal([1, 2], catalogue.VersionsOf("phq-9"));
        Assert.Equal(2, catalogue.Find("phq-9")!.Version);
        Assert.Equal(1, catalogue.Find("phq-9", 1)!.Version);
        Assert.Equal(2, Assert.Single(catalogue.Current).Version);
    }

    [Fact]
    public void Every_problem_of_a_definition_is_reported_together()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var broken = phq9 with
        {
            Version = 0,
            Title = phq9.Title with { En = string.Empty },
            Rules = [((ItemAtLeastRule)phq9.Rules[0]) with { Item = 12 }],
        };

        Assert.Equal(3, InstrumentDefinitionCheck.Problems(broken).Count());
    }

    [Fact]
    public void An_unknown_member_is_rejected_when_read()
    {
        Assert.Throws<JsonException>(() => InstrumentCatalogue.Parse(Demo.Replace("\"topics\":", "\"tags\": [], \"topics\":", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("subscales")]
    [InlineData("rules")]
    [InlineData("title")]
    public void A_definition_missing_a_member_is_refused_when_read_not_crashed_on(string member)
    {
        // Refused by the reader with a JsonException, which names the file at start-up, instead of a
        // NullReferenceException somewhere in the checks.
        var definition = System.Text.Json.Nodes.JsonNode.Parse(Demo)!.AsObject();
        Assert.True(definition.Remove(member));
        Assert.Throws<JsonException>(() => InstrumentCatalogue.Parse(definition.ToJsonString()));
    }

    [Fact]
    public void A_bound_is_a_number_or_a_parameter_name()
    {
        Assert.Throws<JsonException>(() => InstrumentCatalogue.Parse(Demo.Replace("\"from\": \"limit\"", "\"from\": true", StringComparison.Ordinal)));
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
