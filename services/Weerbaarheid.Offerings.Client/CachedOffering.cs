using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// One offering in a service's local copy of the catalogue, as the last <see cref="OfferingChanged"/> (or the
/// primer) described it. Enum values are the proto enum names, e.g. "CATEGORY_PEER_SUPPORT". A retired
/// offering keeps its row, so an older event that arrives late cannot bring it back.
/// </summary>
public sealed class CachedOffering
{
    public const string Active = "STATE_ACTIVE";
    public const string Retired = "STATE_RETIRED";

    /// <summary><c>offerings/{slug}</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The offering's version at Offerings; a change is applied only when it is newer.</summary>
    public long Version { get; private set; }

    public string TitleNl { get; private set; } = "";
    public string TitleEn { get; private set; } = "";
    public string SummaryNl { get; private set; } = "";
    public string SummaryEn { get; private set; } = "";
    public string Category { get; private set; } = "";
    public List<string> Audiences { get; private set; } = [];
    public List<string> Topics { get; private set; } = [];
    public bool AroundTheClock { get; private set; }
    public string AccessMethod { get; private set; } = "";
    public string? AccessUrl { get; private set; }

    /// <summary><see cref="Active"/> or <see cref="Retired"/>.</summary>
    public string State { get; private set; } = Active;

    /// <summary>When Offerings made the change this row reflects.</summary>
    public Instant ChangedAt { get; private set; }

    public bool IsActive => State == Active;

    private CachedOffering() { }

    public static CachedOffering Create(string name, long version, OfferingSnapshot snapshot, Instant changedAt)
    {
        var offering = new CachedOffering { Name = name };
        offering.Set(version, snapshot, changedAt);
        return offering;
    }

    /// <summary>Takes the change when it is newer than what is stored; false (and nothing changes) otherwise.</summary>
    public bool Apply(long version, OfferingSnapshot snapshot, Instant changedAt)
    {
        if (version <= Version)
        {
            return false; // a duplicate, or older than what we have: events may arrive out of order
        }

        Set(version, snapshot, changedAt);
        return true;
    }

    private void Set(long version, OfferingSnapshot snapshot, Instant changedAt)
    {
        Version = version;
        TitleNl = snapshot.TitleNl;
        TitleEn = snapshot.TitleEn;
        SummaryNl = snapshot.SummaryNl;
        SummaryEn = snapshot.SummaryEn;
        Category = snapshot.Category;
        Audiences = [.. snapshot.Audiences];
        Topics = [.. snapshot.Topics];
        AroundTheClock = snapshot.AroundTheClock;
        AccessMethod = snapshot.AccessMethod;
        AccessUrl = snapshot.AccessUrl;
        State = snapshot.State == Retired ? Retired : Active;
        ChangedAt = changedAt;
    }
}

public static class OfferingCopyModel
{
    /// <summary>
    /// Maps the local copy of the offerings catalogue (table <c>offering_copy</c>) into a service's own
    /// context. Call it from the context's <c>OnModelCreating</c>, then add a migration for each provider.
    /// </summary>
    public static ModelBuilder AddOfferingCopy(this ModelBuilder modelBuilder)
    {
        var offering = modelBuilder.Entity<CachedOffering>();
        offering.ToTable("offering_copy");
        offering.HasKey(o => o.Name);
        offering.Property(o => o.Name).HasMaxLength(100);
        // Texts and the URL stay unbounded: the copy must take whatever Offerings accepts, now and later.
        offering.Property(o => o.Category).HasMaxLength(50);
        offering.Property(o => o.Audiences).AsJson();
        offering.Property(o => o.Topics).AsJson();
        offering.Property(o => o.AccessMethod).HasMaxLength(50);
        offering.Property(o => o.State).HasMaxLength(20);
        offering.Ignore(o => o.IsActive);
        return modelBuilder;
    }
}
