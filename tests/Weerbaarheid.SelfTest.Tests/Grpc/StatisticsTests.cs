using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Weerbaarheid.Contracts.SelfTest;
using Weerbaarheid.SelfTest.Tests.Infrastructure;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Grpc;

/// <summary>
/// The figures without people: completion counts per instrument, band and ISO week for programme-admin
/// only, cells under the minimum group size suppressed; and the anonymous SelfTestCompleted events, which
/// leave only in the release job's shuffled batches, never at the moment someone finishes. Each test uses
/// instruments no other test in this class completes, so the counts are its own.
/// </summary>
public sealed class StatisticsTests(SelfTestHost host) : IClassFixture<SelfTestHost>
{
    private static readonly GetCompletionStatisticsRequest ThisWeek = new() { FromWeek = SelfTestApp.StartWeek, ToWeek = SelfTestApp.StartWeek };

    private SelfTestApp App => host.App;

    [Fact]
    public async Task Only_programme_admin_may_read_the_figures()
    {
        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => App.Anonymous.GetCompletionStatisticsAsync(ThisWeek));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.As("medewerker", Roles.Employee).GetCompletionStatisticsAsync(ThisWeek));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.As("leidinggevende", Roles.Manager).GetCompletionStatisticsAsync(ThisWeek));

        var figures = await App.ProgrammeAdmin.GetCompletionStatisticsAsync(ThisWeek);

        Assert.Equal(10, figures.MinimumGroupSize);
    }

    [Fact]
    public async Task A_band_with_fewer_than_10_completions_in_a_week_is_suppressed_without_its_count()
    {
        for (var i = 0; i < 12; i++)
        {
            await App.Anonymous.CompleteAsync("gad-7", Sheet.All(7, 0));
        }

        for (var i = 0; i < 3; i++)
        {
            await App.Anonymous.CompleteAsync("gad-7", Sheet.All(7, 3));
        }

        var figures = await App.ProgrammeAdmin.GetCompletionStatisticsAsync(
            new GetCompletionStatisticsRequest { FromWeek = "2026-W40", ToWeek = "2026-W52", Instrument = "instruments/gad-7" });

        Assert.Equal(
            [("instruments/gad-7", "minimal", SelfTestApp.StartWeek, 12, false), ("instruments/gad-7", "severe", SelfTestApp.StartWeek, 0, true)],
            figures.Counts.Select(c => (c.Instrument, c.Band, c.Week, c.Count, c.Suppressed)));
    }

    [Fact]
    public async Task Weeks_that_are_not_iso_weeks_are_refused_together()
    {
        Assert.Equal(["from_week", "to_week"], await Rpc.InvalidFieldsAsync(() =>
            App.ProgrammeAdmin.GetCompletionStatisticsAsync(new GetCompletionStatisticsRequest())));
        Assert.Equal(["from_week", "to_week"], await Rpc.InvalidFieldsAsync(() =>
            App.ProgrammeAdmin.GetCompletionStatisticsAsync(new GetCompletionStatisticsRequest { FromWeek = "2026-W54", ToWeek = "week 3" })));
        Assert.Equal(["from_week", "to_week", "instrument"], await Rpc.InvalidFieldsAsync(() =>
            App.ProgrammeAdmin.GetCompletionStatisticsAsync(
                new GetCompletionStatisticsRequest { FromWeek = "2026-48", ToWeek = "2026-W00", Instrument = "instruments/bestaat-niet" })));
    }

    [Fact]
    public async Task A_range_of_more_than_104_weeks_or_one_that_ends_before_it_starts_is_refused()
    {
        Assert.Equal(["to_week"], await Rpc.InvalidFieldsAsync(() =>
            App.ProgrammeAdmin.GetCompletionStatisticsAsync(new GetCompletionStatisticsRequest { FromWeek = "2024-W47", ToWeek = "2026-W48" })));
        Assert.Equal(["to_week"], await Rpc.InvalidFieldsAsync(() =>
            App.ProgrammeAdmin.GetCompletionStatisticsAsync(new GetCompletionStatisticsRequest { FromWeek = "2026-W48", ToWeek = "2026-W47" })));

        // 104 weeks after from_week is the longest range.
        await App.ProgrammeAdmin.GetCompletionStatisticsAsync(new GetCompletionStatisticsRequest { FromWeek = "2024-W48", ToWeek = "2026-W48" });
    }

    [Fact]
    public async Task SelfTestCompleted_is_published_by_the_release_job_once_per_completion_not_when_finishing()
    {
        await App.Anonymous.CompleteAsync("k10", Sheet.All(10, 1));
        await App.Anonymous.CompleteAsync("k10", Sheet.All(10, 5));
        await App.Anonymous.CompleteAsync("k10", Sheet.All(10, 5));
        await App.SettledAsync();

        Assert.Empty(App.PublishedSoFar<SelfTestCompleted>());
        var pending = await App.DbAsync(db => db.PendingCompletions.CountAsync());
        Assert.True(pending >= 3);

        var released = await App.ReleaseCompletionsAsync();

        Assert.Equal(pending, released);
        var k10 = await App.PublishedAsync<SelfTestCompleted>(3, e => e.Instrument == "k10", "for k10");
        await App.SettledAsync();
        Assert.Equal(
            [("k10", "low", SelfTestApp.StartWeek), ("k10", "very-high", SelfTestApp.StartWeek), ("k10", "very-high", SelfTestApp.StartWeek)],
            k10.Select(e => (e.Instrument, e.Band, e.IsoWeek)).Order());
        Assert.Equal(released, App.PublishedSoFar<SelfTestCompleted>().Count);
        Assert.Equal(0, await App.DbAsync(db => db.PendingCompletions.CountAsync()));

        Assert.Equal(0, await App.ReleaseCompletionsAsync());
        await App.SettledAsync();
        Assert.Equal(released, App.PublishedSoFar<SelfTestCompleted>().Count);
    }

    [Fact]
    public void SelfTestCompleted_carries_the_instrument_the_band_and_the_iso_week_and_nothing_else()
    {
        Assert.Equal(
            ["Band", "Instrument", "IsoWeek"],
            typeof(SelfTestCompleted).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(typeof(SelfTestCompleted).GetProperties(), p => Assert.Equal(typeof(string), p.PropertyType));
    }
}
