using Weerbaarheid.Offerings.Client;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Data;

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

        builder.AddServiceDatabase<SignalTrainingDbContext, SignalTrainingSqliteDbContext, SignalTrainingPostgresDbContext>("signal-training");
        builder.AddServiceMessaging<SignalTrainingDbContext>(bus => bus.AddOfferingCopyConsumer<SignalTrainingDbContext>("signal-training"));
        builder.AddOfferingRecommendations<SignalTrainingDbContext>("signal-training");

        // Signal guidance
        // (end of signal guidance)
        return builder;
    }

    public static WebApplication MapSignalTrainingService(this WebApplication app)
    {
        // Signal guidance
        // (end of signal guidance)
        return app;
    }
}
