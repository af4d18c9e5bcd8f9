using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Hosting;

public static class ServiceRunner
{
    /// <summary>
    /// Serves, or with <c>Database:MigrateOnly</c> brings the database up to date and exits without starting
    /// anything else (no ports, no broker): the migration step of an upgrade, before the new version serves.
    /// </summary>
    public static void RunService(this WebApplication app)
    {
        if (app.Services.GetService<DatabaseOptions>() is not { MigrateOnly: true })
        {
            app.Run();
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceRunner));
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        foreach (var migration in app.Services.GetServices<IDatabaseMigration>())
        {
            migration.MigrateAsync(stopping.Token).GetAwaiter().GetResult();
        }

        logger.LogInformation("Database:MigrateOnly: the database is up to date; exiting without serving");
    }
}
