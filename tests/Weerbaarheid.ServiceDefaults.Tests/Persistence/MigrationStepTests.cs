using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weerbaarheid.ServiceDefaults.Hosting;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Tests.Persistence;

/// <summary>What a deployment needs to run migrations as their own step, with credentials from an operator's secret.</summary>
public sealed class MigrationStepTests
{
    [Fact]
    public void Migrate_only_brings_every_database_up_to_date_and_returns_without_serving()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var first = new RecordingMigration();
        var second = new RecordingMigration();
        builder.Services.AddSingleton(new DatabaseOptions { MigrateOnly = true });
        builder.Services.AddSingleton<IDatabaseMigration>(first);
        builder.Services.AddSingleton<IDatabaseMigration>(second);
        var app = builder.Build();
        var served = false;
        app.Lifetime.ApplicationStarted.Register(() => served = true);

        app.RunService(); // returns: a Job's container exits when its migration is done

        Assert.Equal((1, 1), (first.Runs, second.Runs));
        Assert.False(served);
    }

    [Fact]
    public void Credentials_from_a_secret_replace_those_in_the_connection_string()
    {
        var connectionString = DatabaseOptions.WithCredentials(
            "Host=offerings-db-rw;Port=5432;Database=offerings;Username=placeholder", "offerings", "p;a=s's\"word");

        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(("offerings-db-rw", "offerings", "offerings", "p;a=s's\"word"), (parsed.Host, parsed.Database, parsed.Username, parsed.Password));
    }

    [Fact]
    public void Without_credentials_the_connection_string_stays_as_it_is()
    {
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(
            DatabaseOptions.WithCredentials("Host=h;Database=d;Username=u;Password=p", null, ""));

        Assert.Equal(("u", "p"), (parsed.Username, parsed.Password));
    }

    private sealed class RecordingMigration : IDatabaseMigration
    {
        public int Runs { get; private set; }

        public Task MigrateAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return Task.CompletedTask;
        }
    }
}
