using NodaTime;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>
/// One line of the offer feed that <c>WatchDispatches</c> streams from: an offer (or a coordinator alert)
/// made to a member, numbered in commit order. Written in the transaction that makes the offer, so the
/// database, not the broker, is what a stream resumes from.
/// </summary>
public sealed class OfferFeedEntry
{
    public long Sequence { get; init; }
    public string MemberId { get; init; } = "";
    public Guid DispatchId { get; init; }
    public int OfferNumber { get; init; }
    public bool CoordinatorAlert { get; init; }
    public Instant CreatedAt { get; init; }
}

/// <summary>
/// A named counter row. Taking the next number updates the row, which holds its lock until commit: offers
/// are numbered in the order they commit, so a stream that has seen number n has seen everything before it.
/// </summary>
public sealed class SequenceCounter
{
    public const string OfferFeed = "offer-feed";

    public string Name { get; init; } = "";
    public long Value { get; set; }
}
