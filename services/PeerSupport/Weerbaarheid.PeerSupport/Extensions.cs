using Weerbaarheid.PeerSupport.Consumers;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Grpc;
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
        });
        builder.Services.AddScoped<RotaStore>();
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
        return app;
    }
}
