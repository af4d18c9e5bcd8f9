using Weerbaarheid.Offerings.Client;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Domain.Courses;
using Weerbaarheid.SignalTraining.Grpc;
using Weerbaarheid.SignalTraining.Scheduling;

namespace Weerbaarheid.SignalTraining;

public static class Extensions
{
    /// <summary>Everything the SignalTraining service adds to the service defaults.</summary>
    public static IHostApplicationBuilder AddSignalTrainingService(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SignalTrainingOptions.Section);
        var settings = section.Get<SignalTrainingOptions>() ?? new SignalTrainingOptions();
        var problems = settings.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        builder.Services.Configure<SignalTrainingOptions>(section);
        // Built now, so a broken course definition or setting stops the start, not a request.
        builder.Services.AddSingleton(CourseCatalogue.Shipped(settings.Courses));

        builder.AddServiceDatabase<SignalTrainingDbContext, SignalTrainingSqliteDbContext, SignalTrainingPostgresDbContext>("signal-training");
        builder.AddServiceMessaging<SignalTrainingDbContext>(bus => bus.AddOfferingCopyConsumer<SignalTrainingDbContext>("signal-training"));
        builder.AddOfferingRecommendations<SignalTrainingDbContext>("signal-training");
        builder.Services.AddScoped<TrainingStore>();
        builder.Services.AddScoped<CertificateStore>();
        if (settings.SeedCohorts)
        {
            builder.Services.AddScoped<IDatabaseSeeder<SignalTrainingDbContext>, CohortSeeder>();
        }

        if (settings.RunBackgroundJobs)
        {
            builder.Services.AddHostedService<CertificateScheduler>();
        }

        // Signal guidance
        // Built now and checked against Offerings' topics, so a broken guidance file stops the start, not a request.
        builder.Services.AddSingleton(Domain.Guidance.SignalGuidance.Shipped(Grpc.GuidanceRecommendations.OfferingTopics));
        builder.Services.AddScoped<Grpc.GuidanceRecommendations>();
        // (end of signal guidance)
        return builder;
    }

    public static WebApplication MapSignalTrainingService(this WebApplication app)
    {
        app.MapGrpcService<TrainingGrpcService>();
        // Signal guidance
        app.MapGrpcService<Grpc.SignalGuidanceGrpcService>();
        // (end of signal guidance)
        return app;
    }
}
