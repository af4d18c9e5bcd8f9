using Microsoft.EntityFrameworkCore;
using Weerbaarheid.Offerings.Client;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.SignalTraining.Data;

/// <summary>
/// SignalTraining's store: cohorts, enrolments, certificates, the unit roster behind the coverage figures,
/// and the local copy of the offerings catalogue. Eligibility answers and guidance requests are never stored.
/// </summary>
public abstract class SignalTrainingDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOfferingCopy();
    }
}

public sealed class SignalTrainingSqliteDbContext(DbContextOptions<SignalTrainingSqliteDbContext> options) : SignalTrainingDbContext(options);

public sealed class SignalTrainingPostgresDbContext(DbContextOptions<SignalTrainingPostgresDbContext> options) : SignalTrainingDbContext(options);

internal sealed class SignalTrainingSqliteDesignTimeFactory : SqliteDesignTimeFactory<SignalTrainingSqliteDbContext>;

internal sealed class SignalTrainingPostgresDesignTimeFactory : PostgresDesignTimeFactory<SignalTrainingPostgresDbContext>;
