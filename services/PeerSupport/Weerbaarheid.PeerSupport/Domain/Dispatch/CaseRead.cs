using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Dispatch;

/// <summary>
/// An audit line: a coordinator read a case (<paramref name="Via"/> names the call). Kept after the case is
/// anonymised; it holds no colleague data.
/// </summary>
public sealed record CaseRead(Guid Id, Guid CaseId, string Reader, string Via, Instant ReadAt);
