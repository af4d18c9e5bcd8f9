using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

public sealed class QualificationTests
{
    private static readonly LocalDate FirstMonday = new(2026, 1, 5);

    // anna's certificate runs out on Wednesday 4 March 2026 at 14:00, in the middle of her week (2–9 March).
    private static readonly RotaMember ExpiringAnna =
        Member("anna", qualifications: new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Local(2026, 3, 4, 14)));

    [Fact]
    public void A_certificate_expiring_mid_shift_hands_the_rest_of_the_shift_to_the_next_lower_layer()
    {
        var resolver = Resolver([Weekly(FirstMonday, "bram"), Weekly(FirstMonday, "anna")], members: [ExpiringAnna]);

        Assert.Equal("anna", resolver.Who(Local(2026, 3, 4, 13, 59)));
        Assert.Equal("bram", resolver.Who(Local(2026, 3, 4, 14, 0)));
        Assert.Equal(
            [("anna", Local(2026, 3, 2, 9), Local(2026, 3, 4, 14)), ("bram", Local(2026, 3, 4, 14), Local(2026, 3, 9, 9))],
            resolver.Shifts(Local(2026, 3, 2, 9), Local(2026, 3, 9, 9)).Flat());
    }

    [Fact]
    public void A_certificate_expiring_mid_shift_opens_a_gap_when_no_lower_layer_covers()
    {
        var resolver = Resolver([Weekly(FirstMonday, "anna", "cem")], members: [ExpiringAnna]);

        Assert.Null(resolver.At(Local(2026, 3, 4, 14, 0)));
        Assert.Equal(
            [("anna", Local(2026, 3, 2, 9), Local(2026, 3, 4, 14)), (null, Local(2026, 3, 4, 14), Local(2026, 3, 9, 9)),
             ("cem", Local(2026, 3, 9, 9), Local(2026, 3, 16, 9)), (null, Local(2026, 3, 16, 9), Local(2026, 3, 23, 9))],
            resolver.Shifts(Local(2026, 3, 2, 9), Local(2026, 3, 23, 9)).Flat());
    }

    [Fact]
    public void A_member_is_on_call_only_inside_a_certificate_interval()
    {
        var renewed = Member("anna", qualifications:
            [new Interval(Local(2026, 1, 1, 0), Local(2026, 3, 4, 14)), new Interval(Local(2026, 3, 6, 10), Local(2027, 3, 6, 10))]);
        var resolver = Resolver([Weekly(FirstMonday, "anna")], members: [renewed]);

        Assert.Null(resolver.At(Local(2025, 12, 31, 23, 59)));
        Assert.Equal("anna", resolver.Who(Local(2026, 1, 5, 9)));
        Assert.Null(resolver.At(Local(2026, 3, 5, 12)));
        Assert.Equal("anna", resolver.Who(Local(2026, 3, 6, 10)));
        Assert.Null(resolver.At(Local(2027, 3, 6, 10)));
    }

    [Fact]
    public void A_certificate_without_an_expiry_date_qualifies_from_its_issue_on()
    {
        var forever = Member("anna", qualifications: new Interval(Local(2026, 3, 4, 14), null));
        var resolver = Resolver([Weekly(FirstMonday, "anna")], members: [forever]);

        Assert.Equal(
            [(null, Local(2026, 3, 2, 9), Local(2026, 3, 4, 14)), ("anna", Local(2026, 3, 4, 14), Local(2026, 3, 23, 9))],
            resolver.Shifts(Local(2026, 3, 2, 9), Local(2026, 3, 23, 9)).Flat());
    }

    [Fact]
    public void Inactive_members_are_never_on_call()
    {
        var resolver = Resolver([Weekly(FirstMonday, "anna", "bram")], members: [Member("bram", active: false)]);

        Assert.Equal("anna", resolver.Who(Local(2026, 3, 2, 9)));
        Assert.Null(resolver.At(Local(2026, 3, 9, 9)));
        Assert.Equal([null, "anna", null], resolver.Shifts(Local(2026, 3, 1, 0), Local(2026, 3, 13, 0)).Select(s => s.MemberId));
    }

    [Fact]
    public void Members_of_another_region_are_never_on_call()
    {
        var resolver = Resolver([Weekly(FirstMonday, "bram"), Weekly(FirstMonday, "anna")], members: [Member("anna", Region.Rotterdam)]);

        Assert.All(resolver.Shifts(Local(2026, 1, 1, 0), Local(2027, 1, 1, 0)), s => Assert.NotEqual("anna", s.MemberId));
        Assert.Equal("bram", resolver.Who(Local(2026, 6, 1, 12)));
    }

    [Fact]
    public void A_participant_who_is_not_a_member_at_all_is_a_gap()
    {
        var resolver = new OnCallResolver(Home, [Weekly(FirstMonday, "ghost")], [], new Dictionary<string, RotaMember>());

        Assert.Null(resolver.At(Local(2026, 6, 1, 12)));
        Assert.True(Assert.Single(resolver.Shifts(Local(2026, 6, 1, 0), Local(2026, 6, 10, 0))).IsGap);
    }
}
