using System.Security.Claims;
using Grpc.Core;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Grpc;

/// <summary>
/// Who is calling: the token's subject (a member's employee number), roles and region claim. Role checks
/// are [Authorize] attributes; this adds the region rules (a coordinator edits only their own region).
/// </summary>
internal sealed class RotaCaller(ClaimsPrincipal user)
{
    public string Subject { get; } = user.FindFirst("sub")?.Value ?? "";

    public Region? Region { get; } =
        user.FindFirst(Roles.RegionClaimType)?.Value is { } slug && Regions.TryParseSlug(slug, out var region) ? region : null;

    public static RotaCaller From(ServerCallContext context) => new(context.GetHttpContext().User);

    public bool IsCoordinatorOf(Region region) => user.IsInRole(Roles.TcoCoordinator) && Region == region;

    public bool IsMember(string memberId) => user.IsInRole(Roles.TcoMember) && Subject == memberId;

    public bool IsMemberOf(Region region) => user.IsInRole(Roles.TcoMember) && Region == region;

    public bool IsSystemReader => user.IsInRole(Roles.SystemPeerSupportRead);

    public bool IsInRole(string role) => user.IsInRole(role);

    public void RequireCoordinatorOf(Region region)
    {
        if (!IsCoordinatorOf(region))
        {
            throw new PermissionDeniedException($"Only a TCO coordinator of {region.ResourceName()} may do this.");
        }
    }

    /// <summary>
    /// Before looking a member up: a member may only ask about themself, so a NotFound never tells them
    /// whether a colleague is a TCO member. The region rule follows once the member is found.
    /// </summary>
    public void RequireSelfOrAnyCoordinator(string memberId)
    {
        if (!IsMember(memberId) && !user.IsInRole(Roles.TcoCoordinator))
        {
            throw new PermissionDeniedException($"Only members/{memberId} or a TCO coordinator of their region may do this.");
        }
    }

    public void RequireSelfOrCoordinatorOf(string memberId, Region region)
    {
        if (!IsMember(memberId) && !IsCoordinatorOf(region))
        {
            throw new PermissionDeniedException($"Only members/{memberId} or a TCO coordinator of {region.ResourceName()} may do this.");
        }
    }
}
