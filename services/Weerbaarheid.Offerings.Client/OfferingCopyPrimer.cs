using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// Fills an empty local copy of the catalogue at startup. Events only tell of changes, so a service that
/// starts after Offerings seeded its catalogue would otherwise have no copy until each offering changes.
/// Pages through ListOfferings (anonymous, retired offerings included, so their state is known too) and
/// stores the whole catalogue in one save, version-checked like the consumer: an event consumed meanwhile
/// is never overwritten by an older listing. Retries with back-off until it succeeds or the service stops;
/// it never stops the service. A copy that is not empty at startup is left to the events.
/// </summary>
public sealed class OfferingCopyPrimer<TContext>(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptions<OfferingsClientOptions> options,
    ILogger<OfferingCopyPrimer<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private const int PageSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.PrimerRetryDelay;
        bool? empty = null; // decided once: events consumed during a failed attempt must not end the priming
        var conflictRetried = false;
        while (true)
        {
            try
            {
                empty ??= await IsEmptyAsync(stoppingToken);
                if (empty == true)
                {
                    var count = await PrimeAsync(stoppingToken);
                    logger.LogInformation("Copied {Count} offering(s) from Offerings into the empty local copy", count);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateException) when (!conflictRetried)
            {
                // The usual cause: an OfferingChanged event stored an offering between this listing's read of
                // the copy and its save (both start with the service). Reading again sees it, and the version
                // check keeps whichever is newer, so one immediate retry is enough.
                conflictRetried = true;
                logger.LogInformation("The local offering copy changed while it was being filled; copying again");
                continue;
            }
            catch (RpcException e)
            {
                logger.LogWarning("Could not copy the offerings catalogue yet (Offerings: {Status}); trying again in {Delay}", e.StatusCode, delay);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not copy the offerings catalogue yet; trying again in {Delay}", delay);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.PrimerMaxRetryDelay.Ticks));
        }
    }

    private async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return !await db.Set<CachedOffering>().AnyAsync(cancellationToken);
    }

    private async Task<int> PrimeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<OfferingsService.OfferingsServiceClient>();
        var catalogue = new List<Offering>();
        var request = new ListOfferingsRequest { PageSize = PageSize, ShowRetired = true };
        do
        {
            var page = await client.ListOfferingsAsync(request, deadline: DateTime.UtcNow + options.Value.Deadline, cancellationToken: cancellationToken);
            catalogue.AddRange(page.Offerings);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        foreach (var offering in catalogue)
        {
            await OfferingCopy.ApplyAsync(db, offering.Name, Version(offering), Snapshot(offering), ChangedAt(offering), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return catalogue.Count;
    }

    /// <summary>
    /// Offerings' etag is the offering's version, the number its events carry. Should that ever change, 0
    /// lets the next event of the offering replace the listed state.
    /// </summary>
    private static long Version(Offering offering) =>
        long.TryParse(offering.Etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    private Instant ChangedAt(Offering offering) =>
        offering.UpdateTime is { } time ? Instant.FromDateTimeOffset(time.ToDateTimeOffset()) : clock.GetCurrentInstant();

    private static OfferingSnapshot Snapshot(Offering o) => new(
        o.Title?.Nl ?? "", o.Title?.En ?? "", o.Summary?.Nl ?? "", o.Summary?.En ?? "",
        ProtoNames.Of(o.Category),
        o.Audiences.Select(ProtoNames.Of).ToArray(),
        o.Topics.Select(ProtoNames.Of).ToArray(),
        o.Availability?.AroundTheClock ?? false,
        ProtoNames.Of(o.Access?.Method ?? AccessMethod.Unspecified),
        string.IsNullOrEmpty(o.Access?.Url) ? null : o.Access.Url,
        ProtoNames.Of(o.State));
}
