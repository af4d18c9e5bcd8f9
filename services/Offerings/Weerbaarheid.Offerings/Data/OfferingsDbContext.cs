using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Data;

/// <summary>
/// The catalogue's store. An offering's content is one JSON document (it is always read and written
/// whole); the columns beside it exist only to filter and search in SQL on both SQLite and PostgreSQL.
/// </summary>
public abstract class OfferingsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Offering> Offerings => Set<Offering>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        var offering = modelBuilder.Entity<Offering>();
        offering.ToTable("offerings");
        offering.HasKey(o => o.Slug);
        offering.Property(o => o.Slug).HasMaxLength(63);
        offering.Property(o => o.Content).AsJson();
        offering.Property(o => o.Version).IsConcurrencyToken();
        offering.Ignore(o => o.Name);
        offering.Ignore(o => o.Etag);
        offering.Ignore(o => o.IsActive);

        offering.Property<Category>(Columns.Category);
        offering.Property<string>(Columns.AudienceTags).HasMaxLength(200);
        offering.Property<string>(Columns.TopicTags).HasMaxLength(200);
        offering.Property<string>(Columns.SearchText);
        offering.HasIndex(Columns.Category);
        offering.HasIndex(o => o.State);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        IndexOfferings();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IndexOfferings();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Derives the filter and search columns from the content.</summary>
    private void IndexOfferings()
    {
        foreach (var entry in ChangeTracker.Entries<Offering>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var content = entry.Entity.Content;
            entry.Property(Columns.Category).CurrentValue = content.Category;
            entry.Property(Columns.AudienceTags).CurrentValue = Tags(content.Audiences);
            entry.Property(Columns.TopicTags).CurrentValue = Tags(content.Topics);
            entry.Property(Columns.SearchText).CurrentValue = SearchText.Of(
                content.Title.Nl, content.Title.En, content.Summary.Nl, content.Summary.En,
                content.Description.Nl, content.Description.En, content.Provider);
        }
    }

    /// <summary>"|1|3|": a value is matched with Contains("|3|"), which both databases translate.</summary>
    internal static string Tag<T>(T value) where T : struct, Enum =>
        $"|{Convert.ToInt32(value, CultureInfo.InvariantCulture)}|";

    private static string Tags<T>(IEnumerable<T> values) where T : struct, Enum
    {
        var numbers = values.Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 0 ? "" : $"|{string.Join('|', numbers)}|";
    }

    internal static class Columns
    {
        public const string Category = "Category";
        public const string AudienceTags = "AudienceTags";
        public const string TopicTags = "TopicTags";
        public const string SearchText = "SearchText";
    }
}

/// <summary>Case- and accent-insensitive search text: "Collega’s in de knel" matches "collegas".</summary>
internal static class SearchText
{
    public static string Of(params string[] parts) => Normalize(string.Join(' ', parts));

    public static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark || ch is '\'' or '’' or '‘')
            {
                continue;
            }

            builder.Append(ch);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

// EF keeps one migration history per context type, so each provider has its own subclass and migrations.
public sealed class OfferingsSqliteDbContext(DbContextOptions<OfferingsSqliteDbContext> options) : OfferingsDbContext(options);

public sealed class OfferingsPostgresDbContext(DbContextOptions<OfferingsPostgresDbContext> options) : OfferingsDbContext(options);

internal sealed class OfferingsSqliteDesignTimeFactory : SqliteDesignTimeFactory<OfferingsSqliteDbContext>;

internal sealed class OfferingsPostgresDesignTimeFactory : PostgresDesignTimeFactory<OfferingsPostgresDbContext>;
