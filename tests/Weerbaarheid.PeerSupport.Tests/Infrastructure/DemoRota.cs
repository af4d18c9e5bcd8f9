using System.Globalization;
using NodaTime;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// What the Development-only DemoRotaSeeder puts in every region when the host starts at
/// <see cref="PeerSupportApp.Start"/>, and what the tests that use it rely on:
/// members demo-{region}-1..6, all active and certified from 30 days before the start until 700 days after;
/// a weekly primary rotation of members 1, 2, 3 and a weekly backup rotation of 4, 5, 6, both starting on
/// Monday 26 January 2026 and handing off on Mondays at 09:00 Amsterdam time; member 1 is the coordinator.
/// Seen from the start (Monday 23 March, 01:00 CET), that is:
/// <list type="bullet">
/// <item>until <see cref="FirstHandoff"/>: primary 2, backup 5 (turn 7);</item>
/// <item>from <see cref="FirstHandoff"/> to <see cref="SecondHandoff"/>: primary 3, backup 6 (turn 8), a week of
/// 167 real hours because summer time starts on Sunday 29 March;</item>
/// <item>from <see cref="SecondHandoff"/>: primary 1, backup 4.</item>
/// </list>
/// Teams are "Team {(n-1) % 3 + 1} {region}", languages nl and en, one push channel "app:{member id}".
/// </summary>
public static class DemoRota
{
    /// <summary>Monday 23 March 2026, 09:00 CET.</summary>
    public static readonly Instant FirstHandoff = Instant.FromUtc(2026, 3, 23, 8, 0);

    /// <summary>Monday 30 March 2026, 09:00 CEST.</summary>
    public static readonly Instant SecondHandoff = Instant.FromUtc(2026, 3, 30, 7, 0);

    public static readonly string[] DisplayNames =
        ["Sanne de Vries", "Mehmet Yilmaz", "Lotte Jansen", "Jeroen Bakker", "Fatima El Amrani", "Pieter Visser"];

    public static string Id(string region, int n) => $"demo-{region}-{n}";

    public static string Name(string region, int n) => $"members/{Id(region, n)}";

    public static string Team(string region, int n) => $"Team {((n - 1) % 3) + 1} {region}";

    /// <summary>n of "members/demo-{region}-{n}".</summary>
    public static int Number(string memberName) => int.Parse(memberName[(memberName.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>The certificate id the seeder gave member <paramref name="n"/>.</summary>
    public static string CertificateId(string region, int n) => $"demo-{Id(region, n)}";
}
