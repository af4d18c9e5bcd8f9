namespace Weerbaarheid.ServiceDefaults.Auth;

/// <summary>The roles a token carries in its <c>roles</c> claim (architecture.md, "Security and privacy").</summary>
public static class Roles
{
    public const string Employee = "employee";
    public const string Manager = "manager";
    public const string TcoMember = "tco-member";
    public const string TcoCoordinator = "tco-coordinator";
    public const string Trainer = "trainer";
    public const string ProgrammeAdmin = "programme-admin";

    /// <summary>Scoped system clients, e.g. the control room's incident system.</summary>
    public const string SystemPeerSupportRequest = "system:peer-support.request";

    /// <summary>Systems that may ask who is on call (e.g. the control room's dispatch screens).</summary>
    public const string SystemPeerSupportRead = "system:peer-support.read";

    public static readonly IReadOnlyList<string> All =
    [
        Employee, Manager, TcoMember, TcoCoordinator, Trainer, ProgrammeAdmin, SystemPeerSupportRequest, SystemPeerSupportRead,
    ];

    /// <summary>The claim that holds roles, as issued by the police's OIDC provider and the dev tokens.</summary>
    public const string ClaimType = "roles";

    /// <summary>
    /// The claim naming the region (e.g. "amsterdam") a coordinator or TCO member works in; rota edits are
    /// limited to it.
    /// </summary>
    public const string RegionClaimType = "region";
}
