using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Weerbaarheid.ServiceDefaults.Messaging;

namespace Weerbaarheid.ServiceDefaults.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on SQLite or PostgreSQL (section <c>Database</c>), with a
    /// readiness check and migrations applied on start. EF keeps one migration history per context type,
    /// so each provider has its own subclass (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>)
    /// with its own migrations; the service code only ever asks for <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string databaseName)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddOutboxInterceptor();

        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = DatabaseOptions.WithCredentials(
                options.ConnectionString ?? builder.Configuration.GetConnectionString("Database")
                ?? throw new InvalidOperationException(
                    "Database:Provider is PostgreSql but neither Database:ConnectionString nor ConnectionStrings:Database is set."),
                options.Username, options.Password);
            builder.Services.AddDbContext<TPostgres>((services, db) => db
                .UseNpgsql(connectionString)
                .AddOutboxInterceptor(services));
            builder.Services.AddScoped<TContext>(services => services.GetRequiredService<TPostgres>());
        }
        else
        {
            var connectionString = SqliteConnectionString(options.DataDirectory, databaseName);
            // Built once: the options lambda runs for every context the service creates.
            IInterceptor[] interceptors = options.SqliteSynchronous == SqliteSynchronous.Full
                ? [new SqliteWriteGate()] // one per database: this service's file
                : [new SqliteWriteGate(), new SqliteSynchronousSetting(options.SqliteSynchronous)];
            builder.Services.AddDbContext<TSqlite>((services, db) => db
                .UseSqlite(connectionString)
                .AddInterceptors(interceptors)
                .AddOutboxInterceptor(services));
            builder.Services.AddScoped<TContext>(services => services.GetRequiredService<TSqlite>());
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(
            "database", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddSingleton<IDatabaseMigration>(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        if (options.MigrateOnStart && !options.MigrateOnly)
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        }

        return builder;
    }

    public static string SqliteConnectionString(string dataDirectory, string databaseName)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, $"{databaseName}.db"),
            // Writers wait for each other instead of failing at once with "database is locked".
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }
}

/// <summary>Ready only when the database answers.</summary>
internal sealed class DatabaseHealthCheck<TContext>(TContext db) : IHealthCheck where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.");
}
