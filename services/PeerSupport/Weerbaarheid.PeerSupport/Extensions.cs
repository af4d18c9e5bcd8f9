using Weerbaarheid.PeerSupport.Calendar;
using Weerbaarheid.PeerSupport.Consumers;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Grpc;
using Weerbaarheid.PeerSupport.Scheduling;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.PeerSupport;

public static class Extensions
{
    /// <summary>Everything the PeerSupport service adds to the service defaults.</summary>
    public static IHostApplicationBuilder AddPeerSupportService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PeerSupportDbContext, PeerSupportSqliteDbContext, PeerSupportPostgresDbContext>("peer-support");
        builder.AddServiceMessaging<PeerSupportDbContext>(bus =>
        {
            bus.AddConsumer<CertificateIssuedConsumer>();
            bus.AddConsumer<CertificateExpiredConsumer>();
            bus.AddConsumer<RotaChangedConsumer>();
        });
        builder.Services.Configure<PeerSupportOptions>(builder.Configuration.GetSection(PeerSupportOptions.Section));
        builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
        builder.Services.AddScoped<RotaStore>();
        builder.Services.AddScoped<DispatchStore>();
        builder.Services.AddSingleton<OfferFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OfferFeed>());
        builder.Services.AddScoped<ShiftNoticeScheduler>();
        builder.Services.AddScoped<CoverageWatch>();
        if (builder.Configuration.GetValue($"{PeerSupportOptions.Section}:{nameof(PeerSupportOptions.RunBackgroundJobs)}", true))
        {
            builder.Services.AddHostedService<RotaJobs>();
            builder.Services.AddHostedService<DispatchJobs>();
        }
        builder.Services.AddScoped<IDatabaseSeeder<PeerSupportDbContext>, RotaSeeder>();
        if (builder.Environment.IsDevelopment())
        {
            // Seeders run in registration order: regions and schedules first, then the demo rota.
            builder.Services.AddScoped<IDatabaseSeeder<PeerSupportDbContext>, DemoRotaSeeder>();
        }

        return builder;
    }

    public static WebApplication MapPeerSupportService(this WebApplication app)
    {
        app.MapGrpcService<RotaGrpcService>();
        app.MapGrpcService<DispatchGrpcService>();
        app.MapCalendarFeed();
        return app;
    }
}
