using Weerbaarheid.SelfTest.Domain;
using Proto = Weerbaarheid.SelfTest.V1;

namespace Weerbaarheid.SelfTest.Grpc;

/// <summary>Domain to contract and back. No rules here: what a result means is decided in the domain.</summary>
internal static class SelfTestMapper
{
    public static Proto.Instrument ToProto(this Instrument instrument)
    {
        var options = instrument.Options.Select(o => new Proto.AnswerOption { Value = o.Value, Label = o.Label.ToProto() }).ToArray();
        var proto = new Proto.Instrument
        {
            Name = instrument.Name,
            Id = instrument.Id,
            Version = instrument.Version,
            Title = instrument.Title.ToProto(),
            Description = instrument.Description.ToProto(),
            Instruction = instrument.Instruction.ToProto(),
            TotalLabel = instrument.Total.Label.ToProto(),
            MinimumTotal = instrument.MinimumTotal * instrument.Total.Multiplier,
            MaximumTotal = instrument.MaximumTotal * instrument.Total.Multiplier,
            Source = instrument.Source.ToProto(),
        };
        proto.Items.AddRange(instrument.Items.Select(item =>
        {
            var protoItem = new Proto.Item { Number = item.Number, Text = item.Text.ToProto() };
            protoItem.Options.AddRange(options);
            return protoItem;
        }));
        proto.Bands.AddRange(instrument.Bands.Select(band =>
        {
            var (from, to) = SelfTestScorer.RangeOf(instrument, band);
            return new Proto.BandDefinition { Id = band.Id, Label = band.Label.ToProto(), From = from, To = to, Severity = band.Severity.ToProto() };
        }));
        return proto;
    }

    public static Proto.SelfTestResult ToProto(this SelfTestResult result, AnonymousSelfTest selfTest)
    {
        var instrument = result.Instrument;
        var (from, to) = SelfTestScorer.RangeOf(instrument, result.Band);
        var proto = new Proto.SelfTestResult
        {
            Instrument = instrument.Name,
            Version = instrument.Version,
            Title = instrument.Title.ToProto(),
            RawTotal = result.RawTotal,
            Total = result.ReportedTotal,
            MaximumTotal = instrument.MaximumTotal * instrument.Total.Multiplier,
            Band = new Proto.BandResult
            {
                Id = result.Band.Id,
                Label = result.Band.Label.ToProto(),
                Advice = result.Band.Advice.ToProto(),
                From = from,
                To = to,
            },
            Severity = result.Severity.ToProto(),
            CompletedWeek = selfTest.CompletedWeek ?? "",
            ExpiresOn = selfTest.ExpiresOn.ToProto(),
            Source = instrument.Source.ToProto(),
        };
        proto.Subscales.AddRange(result.Subscales.Select(s => new Proto.SubscaleScore
        {
            Id = s.Subscale.Id,
            Label = s.Subscale.Label.ToProto(),
            Score = s.Score,
            Endorsed = s.Endorsed ?? 0,
            ItemCount = s.Subscale.Items.Count,
        }));
        proto.Rules.AddRange(result.Rules.Select(r => new Proto.RuleResult
        {
            Id = r.Rule.Id,
            Label = r.Rule.Label.ToProto(),
            Triggered = r.Triggered,
            Advice = r.Triggered ? r.Rule.Advice.ToProto() : null,
        }));
        return proto;
    }

    public static Proto.UrgentHelp ToProto(this UrgentHelp help)
    {
        var proto = new Proto.UrgentHelp { Message = help.Message.ToProto() };
        proto.Contacts.AddRange(help.Contacts.Select(c => new Proto.HelpContact
        {
            Label = c.Label.ToProto(),
            Phone = c.Phone ?? "",
            HowToReach = c.HowToReach.ToProto(),
            Availability = c.Availability.ToProto(),
        }));
        return proto;
    }

    public static Google.Type.Date ToProto(this NodaTime.LocalDate date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static IReadOnlyList<Answer> ToDomain(this IEnumerable<Proto.Answer> answers) =>
        answers.Select(a => new Answer(a.Item, a.Value)).ToArray();

    public static Proto.LocalizedText ToProto(this LocalizedText text) => new() { Nl = text.Nl, En = text.En };

    public static Proto.Severity ToProto(this Severity severity) => severity switch
    {
        Severity.None => Proto.Severity.None,
        Severity.Mild => Proto.Severity.Mild,
        Severity.Moderate => Proto.Severity.Moderate,
        Severity.Severe => Proto.Severity.Severe,
        Severity.Urgent => Proto.Severity.Urgent,
        _ => Proto.Severity.Unspecified,
    };

    private static Proto.Source ToProto(this InstrumentSource source) => new()
    {
        Citation = source.Citation,
        Copyright = source.Copyright,
        TermsOfUse = source.TermsOfUse.ToProto(),
        Url = source.Url ?? "",
    };
}
