using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Guidance;

/// <summary>
/// A manager asking for guidance over gRPC: the signals to tick, the guidance with its steps in order and its
/// urgency, recommendations from the local copy of the catalogue while Offerings is unreachable (and saying
/// so), only offerings meant for the employee, and every bad entry of a request named in one answer.
/// </summary>
public sealed class SignalGuidanceFlowTests(SignalTrainingHost host) : IClassFixture<SignalTrainingHost>
{
    private SignalTrainingApp App => host.App;

    private GuidanceClient Client => GuidanceClient.Manager(App);

    [Fact]
    public async Task Every_signal_is_listed_once_in_the_contracts_order_with_its_label_and_explanation_in_both_languages()
    {
        var signals = (await Client.ListSignalsAsync(new ListSignalsRequest())).Signals;

        Assert.Equal(Enum.GetValues<Signal>().Where(s => s != Signal.Unspecified), signals.Select(s => s.Signal));
        Assert.All(signals, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Label?.Nl));
            Assert.False(string.IsNullOrWhiteSpace(s.Label?.En));
            Assert.False(string.IsNullOrWhiteSpace(s.Explanation?.Nl));
            Assert.False(string.IsNullOrWhiteSpace(s.Explanation?.En));
        });
        Assert.Equal("Praat over niet meer willen leven", signals.Single(s => s.Signal == Signal.TalksAboutSuicide).Label.Nl);
    }

    [Fact]
    public async Task After_a_heavy_incident_the_guidance_is_to_act_today_and_arrange_peer_support()
    {
        var guidance = await Client.GuideAsync(Signal.HeavyIncident);

        Assert.Equal(Urgency.Today, guidance.Urgency);
        Assert.False(string.IsNullOrWhiteSpace(guidance.Summary.Nl));
        Assert.False(string.IsNullOrWhiteSpace(guidance.Summary.En));
        Assert.Equal(["conversation", "tco", "trauma-follow-up", "blauw-vakmanschap", "own-support"], guidance.Steps.Select(s => s.Id));
        var conversation = guidance.Steps[0];
        Assert.Null(conversation.Involve);
        Assert.Equal("", conversation.Contact);
        var tco = guidance.Steps[1];
        Assert.Equal("Team Collegiale Ondersteuning (TCO)", tco.Involve.Nl);
        Assert.Contains("24", tco.Text.En, StringComparison.Ordinal);
        Assert.Contains("72", tco.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talk_of_suicide_is_answered_with_act_now_staying_with_the_person_and_the_emergency_numbers_first()
    {
        var guidance = await Client.GuideAsync(Signal.Withdrawal, Signal.TalksAboutSuicide);

        Assert.Equal(Urgency.Now, guidance.Urgency);
        var first = guidance.Steps[0];
        Assert.Equal("safety-first", first.Id);
        Assert.Equal("112 · 113 · 0800-0113", first.Contact);
        Assert.Contains("112", first.Text.Nl, StringComparison.Ordinal);
        Assert.Contains("0800-0113", first.Text.En, StringComparison.Ordinal);
        Assert.Equal("conversation", guidance.Steps[1].Id);
        Assert.Contains("113", guidance.Summary.Nl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_Offerings_is_unreachable_recommendations_come_from_the_local_copy_and_the_guidance_says_so()
    {
        await GuidanceOfferings.PublishAllAsync(App);

        var guidance = await Client.GuideAsync(Signal.HeavyIncident);

        Assert.Equal(RecommendationSource.LocalCopy, guidance.RecommendationSource);
        Assert.False(string.IsNullOrWhiteSpace(guidance.RecommendationNote?.Nl));
        Assert.False(string.IsNullOrWhiteSpace(guidance.RecommendationNote?.En));
        // Severe: the around-the-clock routes first, the one that matches more topics ahead; the team's
        // conversations are not for the employee and stay out.
        Assert.Equal([GuidanceOfferings.PeerSupport, GuidanceOfferings.Desk, GuidanceOfferings.SocialWork],
            guidance.Recommendations.Select(r => r.Offering));
        var peerSupport = guidance.Recommendations[0];
        Assert.Equal(("Peer support (TCO)", true, ""), (peerSupport.Title.En, peerSupport.AroundTheClock, peerSupport.AccessUrl));
        Assert.False(string.IsNullOrWhiteSpace(peerSupport.Reason.Nl));
        Assert.False(string.IsNullOrWhiteSpace(peerSupport.Summary.En));
        Assert.Equal("https://intranet.example/bmw", guidance.Recommendations[2].AccessUrl);
    }

    [Fact]
    public async Task Recommendations_are_for_the_employee_never_the_managers_or_the_teams_offerings()
    {
        await GuidanceOfferings.PublishAllAsync(App);

        var withdrawal = await Client.GuideAsync(Signal.Withdrawal);
        var cynicism = await Client.GuideAsync(Signal.Cynicism, Signal.TeamConflict);

        // Mild: more matched topics first (company social work: stress and burn-out; the desk: stress).
        Assert.Equal([GuidanceOfferings.SocialWork, GuidanceOfferings.Desk], withdrawal.Recommendations.Select(r => r.Offering));
        Assert.DoesNotContain(withdrawal.Recommendations.Concat(cynicism.Recommendations),
            r => r.Offering is GuidanceOfferings.ManagersTraining or GuidanceOfferings.TeamConversations);
    }

    [Fact]
    public async Task For_talk_of_suicide_the_recommendations_start_with_help_reachable_day_and_night()
    {
        await GuidanceOfferings.PublishAllAsync(App);

        var guidance = await Client.GuideAsync(Signal.TalksAboutSuicide);

        Assert.Equal(RecommendationSource.LocalCopy, guidance.RecommendationSource);
        Assert.Equal([GuidanceOfferings.Desk, GuidanceOfferings.PeerSupport, GuidanceOfferings.SocialWork], guidance.Recommendations.Select(r => r.Offering));
        Assert.True(guidance.Recommendations[0].AroundTheClock);
        Assert.True(guidance.Recommendations[1].AroundTheClock);
    }

    [Fact]
    public async Task Json_clients_use_the_same_contract_with_signals_by_their_contract_names()
    {
        using var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SignalTrainingApp.TokenFor("leidinggevende", Roles.Manager));

        using var signals = JsonDocument.Parse(await http.GetStringAsync("/api/v1/signals"));
        using var answer = await http.PostAsJsonAsync("/api/v1/signalGuidance", new { signals = new[] { "SIGNAL_TALKS_ABOUT_SUICIDE" } });
        using var guidance = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        using var refused = await http.PostAsJsonAsync("/api/v1/signalGuidance", new { signals = Array.Empty<string>() });

        Assert.Equal(13, signals.RootElement.GetProperty("signals").GetArrayLength());
        Assert.Equal("SIGNAL_WITHDRAWAL", signals.RootElement.GetProperty("signals")[0].GetProperty("signal").GetString());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("URGENCY_NOW", guidance.RootElement.GetProperty("urgency").GetString());
        Assert.Equal("safety-first", guidance.RootElement.GetProperty("steps")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Asking_without_signals_is_refused_on_the_list()
    {
        Assert.Equal(["signals"], await Rpc.InvalidFieldsAsync(() => Client.GetSignalGuidanceAsync(new GetSignalGuidanceRequest())));
    }

    [Fact]
    public async Task Unspecified_unknown_and_repeated_signals_are_all_named_by_their_place_in_one_answer()
    {
        var request = new GetSignalGuidanceRequest
        {
            Signals = { Signal.Alcohol, Signal.Unspecified, (Signal)99, Signal.Alcohol, Signal.Absence, Signal.Absence },
        };

        Assert.Equal(["signals[1]", "signals[2]", "signals[3]", "signals[5]"], await Rpc.InvalidFieldsAsync(() => Client.GetSignalGuidanceAsync(request)));
    }
}
