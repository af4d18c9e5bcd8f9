using Weerbaarheid.Offerings.Data;
using Weerbaarheid.Offerings.Grpc;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings;

public static class Extensions
{
    /// <summary>Everything the Offerings service adds to the service defaults.</summary>
    public static IHostApplicationBuilder AddOfferingsService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OfferingsDbContext, OfferingsSqliteDbContext, OfferingsPostgresDbContext>("offerings");
        builder.AddServiceMessaging<OfferingsDbContext>();
        builder.Services.AddScoped<OfferingCatalogue>();
        builder.Services.AddScoped<IDatabaseSeeder<OfferingsDbContext>, OfferingsSeeder>();
        return builder;
    }

    public static WebApplication MapOfferingsService(this WebApplication app)
    {
        app.MapGrpcService<OfferingsGrpcService>();
        return app;
    }
}
