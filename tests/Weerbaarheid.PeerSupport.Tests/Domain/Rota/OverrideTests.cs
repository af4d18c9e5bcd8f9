using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

public sealed class OverrideTests
{
    private static readonly Layer[] Layers =
    [
        Weekly(new LocalDate(2026, 1, 5), "anna"),
        new("nights", ["bram"], new LocalDate(2026, 1, 1), new LocalTime(18, 0), RotationLength.OfDays(1), windows: [new TimeWindow(new LocalTime(18, 0), new LocalTime(8, 0))]),
    ];

    private static readonly Instant Created = Instant.FromUtc(2026, 2, 1, 12, 0);

    [Fact]
    public void An_override_wins_over_every_layer_for_its_interval()
    {
        var resolver = Resolver(Layers, [Override("cem", Local(2026, 3, 10, 12), Local(2026, 3, 11, 12), Created)]);

        Assert.Equal("anna", resolver.Who(Local(2026, 3, 10, 11, 59)));
        Assert.Equal(("cem", true), resolver.At(Local(2026, 3, 10, 12)));
        Assert.Equal(("cem", true), resolver.At(Local(2026, 3, 10, 23))); // inside bram's night window
        Assert.Equal(("anna", false), resolver.At(Local(2026, 3, 11, 12)));
        Assert.Equal(
            [("anna", Local(2026, 3, 10, 8), Local(2026, 3, 10, 12)), ("cem", Local(2026, 3, 10, 12), Local(2026, 3, 11, 12)),
             ("anna", Local(2026, 3, 11, 12), Local(2026, 3, 11, 18))],
            resolver.Shifts(Local(2026, 3, 10, 8), Local(2026, 3, 11, 18)).Flat());
    }

    [Fact]
    public void Of_overlapping_overrides_the_latest_created_wins()
    {
        var resolver = Resolver(Layers,
        [
            Override("cem", Local(2026, 3, 10, 0), Local(2026, 3, 20, 0), Created + Duration.FromDays(2)),
            Override("dewi", Local(2026, 3, 12, 0), Local(2026, 3, 14, 0), Created + Duration.FromDays(1)), // older: hidden
            Override("eva", Local(2026, 3, 15, 0), Local(2026, 3, 16, 0), Created + Duration.FromDays(3)),
        ]);

        Assert.Equal("cem", resolver.Who(Local(2026, 3, 13, 0)));
        Assert.Equal("eva", resolver.Who(Local(2026, 3, 15, 12)));
        Assert.Equal(
            [("cem", Local(2026, 3, 10, 0), Local(2026, 3, 15, 0)), ("eva", Local(2026, 3, 15, 0), Local(2026, 3, 16, 0)),
             ("cem", Local(2026, 3, 16, 0), Local(2026, 3, 20, 0))],
            resolver.Shifts(Local(2026, 3, 10, 0), Local(2026, 3, 20, 0)).Flat());
    }

    [Fact]
    public void An_override_by_an_unavailable_member_falls_through_to_the_layers()
    {
        var lapsed = new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Local(2026, 3, 10, 18));
        var resolver = Resolver(Layers,
            [
                Override("cem", Local(2026, 3, 10, 12), Local(2026, 3, 11, 12), Created),
                Override("dewi", Local(2026, 3, 11, 12), Local(2026, 3, 12, 12), Created),
                Override("eva", Local(2026, 3, 12, 12), Local(2026, 3, 13, 12), Created),
            ],
            [Member("cem", qualifications: lapsed), Member("dewi", active: false), Member("eva", Region.Rotterdam)]);

        Assert.Equal(("cem", true), resolver.At(Local(2026, 3, 10, 17, 59)));
        Assert.Equal(("bram", false), resolver.At(Local(2026, 3, 10, 18))); // certificate lapsed: the night layer
        Assert.Equal(("anna", false), resolver.At(Local(2026, 3, 11, 12))); // inactive
        Assert.Equal(("anna", false), resolver.At(Local(2026, 3, 12, 12))); // another region
    }

    [Fact]
    public void A_newer_override_by_an_unavailable_member_does_not_hide_an_older_available_one()
    {
        var resolver = Resolver(Layers,
            [
                Override("cem", Local(2026, 3, 10, 0), Local(2026, 3, 12, 0), Created),
                Override("dewi", Local(2026, 3, 10, 0), Local(2026, 3, 12, 0), Created + Duration.FromDays(1)),
            ],
            [Member("dewi", active: false)]);

        Assert.Equal(("cem", true), resolver.At(Local(2026, 3, 11, 0)));
    }

    [Fact]
    public void An_override_by_the_member_already_on_call_is_its_own_piece()
    {
        var resolver = Resolver(Layers, [Override("anna", Local(2026, 3, 10, 12), Local(2026, 3, 10, 14), Created)]);

        Assert.Equal(
            [new ResolvedShift("anna", new Interval(Local(2026, 3, 10, 8), Local(2026, 3, 10, 12)), false),
             new ResolvedShift("anna", new Interval(Local(2026, 3, 10, 12), Local(2026, 3, 10, 14)), true),
             new ResolvedShift("anna", new Interval(Local(2026, 3, 10, 14), Local(2026, 3, 10, 18)), false)],
            resolver.Shifts(Local(2026, 3, 10, 8), Local(2026, 3, 10, 18)));
    }
}
