using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SelfTest.Data;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.SelfTest.Grpc;
using Weerbaarheid.SelfTest.Recommendations;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.SelfTest;

public static class Extensions
{
    /// <summary>Everything the SelfTest service adds to the service defaults.</summary>
    public static IHostApplicationBuilder AddSelfTestService(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SelfTestOptions.Section);
        var settings = section.Get<SelfTestOptions>() ?? new SelfTestOptions();
        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        builder.Services.Configure<SelfTestOptions>(section);
        // Built now, so a broken definition or an out-of-range parameter stops the start, not a request.
        builder.Services.AddSingleton(InstrumentCatalogue.Shipped(settings.Instruments));

        builder.AddServiceDatabase<SelfTestDbContext, SelfTestSqliteDbContext, SelfTestPostgresDbContext>("self-test");
        builder.AddServiceMessaging<SelfTestDbContext>(bus => bus.AddOfferingCopyConsumer<SelfTestDbContext>("self-test"));
        builder.AddOfferingRecommendations<SelfTestDbContext>("self-test");
        builder.Services.AddScoped<SelfTestStore>();
        builder.Services.AddScoped<ResultRecommendations>();
        if (settings.RunBackgroundJobs)
        {
            builder.Services.AddHostedService<SelfTestJobs>();
        }

        return builder;
    }

    public static WebApplication MapSelfTestService(this WebApplication app)
    {
        app.MapGrpcService<SelfTestGrpcService>();
        return app;
    }
}
