using System.Collections.Concurrent;
using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A member's <c>WatchDispatches</c> stream, read in the background into a list the test waits on with
/// bounded timeouts (<see cref="Eventually"/>): a missing offer fails the test, it never hangs it. Ends
/// when the server or the connection ends it (noted in <see cref="Failure"/>) or when disposed.
/// </summary>
public sealed class OfferStream : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<WatchDispatchesResponse> _call;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<DispatchOffer> _offers = new();
    private readonly Task _pump;
    private int _heartbeats;
    private volatile bool _ended;

    private OfferStream(string member, string resumeToken, AsyncServerStreamingCall<WatchDispatchesResponse> call)
    {
        Member = member;
        ResumedFrom = resumeToken;
        _call = call;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>"members/…".</summary>
    public string Member { get; }

    /// <summary>The resume token the stream was opened with ("" for every open offer).</summary>
    public string ResumedFrom { get; }

    /// <summary>The offers received so far, in the order they arrived.</summary>
    public IReadOnlyList<DispatchOffer> Offers => [.. _offers];

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>The resume token of the last offer received, or the one it was opened with.</summary>
    public string LastResumeToken => _offers.LastOrDefault()?.ResumeToken ?? ResumedFrom;

    /// <summary>The stream has ended (server, connection, or disposed).</summary>
    public bool Ended => _ended;

    /// <summary>Why the stream ended, when it was not disposed by the test.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Opens the stream of <paramref name="memberId"/> with the member's own token.</summary>
    public static OfferStream Open(DispatchService.DispatchServiceClient client, string memberId, Metadata headers, string resumeToken = "")
    {
        var call = client.WatchDispatches(new WatchDispatchesRequest { Member = $"members/{memberId}", ResumeToken = resumeToken }, headers);
        return new OfferStream($"members/{memberId}", resumeToken, call);
    }

    /// <summary>
    /// Opens the stream and waits until the server has answered on it (an offer or a heartbeat), opening it
    /// again while the call fails at once (e.g. the gateway answers Unavailable until a restarted service is
    /// healthy again). Fails after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<OfferStream> ConnectAsync(DispatchService.DispatchServiceClient client, string memberId, Metadata headers,
        string resumeToken, TimeSpan timeout, Func<string>? details = null)
    {
        OfferStream? stream = null;
        var failures = new List<string>();
        await Eventually.HoldsAsync(async () =>
        {
            if (stream is { Ended: true })
            {
                failures.Add(stream.Failure?.Message ?? "ended");
                await stream.DisposeAsync();
                stream = null;
            }

            stream ??= Open(client, memberId, headers, resumeToken);
            return stream.Heartbeats > 0 || !stream._offers.IsEmpty;
        }, $"the offer stream of members/{memberId} is open (an offer or heartbeat arrives)", timeout,
            () => $"Earlier attempts: {string.Join("; ", failures.TakeLast(5))}{Environment.NewLine}{details?.Invoke()}");
        return stream!;
    }

    /// <summary>Waits until the server has answered on the stream (a heartbeat or an offer).</summary>
    public Task ConnectedAsync(TimeSpan timeout, Func<string>? details = null) =>
        WaitAsync(() => Heartbeats > 0 || !_offers.IsEmpty, "it is open (an offer or heartbeat arrives)", timeout, details);

    /// <summary>Waits until offer <paramref name="number"/> of <paramref name="dispatch"/> arrives, and returns it.</summary>
    public async Task<DispatchOffer> OfferAsync(string dispatch, int number, TimeSpan timeout, Func<string>? details = null)
    {
        await WaitAsync(() => _offers.Any(o => o.Dispatch == dispatch && o.OfferNumber == number && !o.CoordinatorAlert),
            $"offer {number} of {dispatch} arrives", timeout, details);
        return _offers.First(o => o.Dispatch == dispatch && o.OfferNumber == number && !o.CoordinatorAlert);
    }

    /// <summary>Waits until <paramref name="condition"/> holds of what arrived; fails at once when the stream has ended.</summary>
    public async Task WaitAsync(Func<bool> condition, string what, TimeSpan timeout, Func<string>? details = null)
    {
        await Eventually.HoldsAsync(() =>
        {
            if (condition())
            {
                return true;
            }

            if (_ended)
            {
                Assert.Fail($"The offer stream of {Member} ended ({Failure?.Message ?? "no error"}) before {what}.{Environment.NewLine}" +
                            $"{Describe()}{Environment.NewLine}{details?.Invoke()}");
            }

            return false;
        }, $"on the offer stream of {Member}, {what}", timeout, () => $"{Describe()}{Environment.NewLine}{details?.Invoke()}");
    }

    /// <summary>What arrived, for failure messages.</summary>
    public string Describe() =>
        $"Offer stream of {Member} (resumed from '{ResumedFrom}'): {Heartbeats} heartbeat(s), {(_ended ? $"ended ({Failure?.Message ?? "no error"})" : "open")}, " +
        $"offers:{Environment.NewLine}" +
        string.Join(Environment.NewLine, _offers.Select(o =>
            $"  {o.Dispatch} #{o.OfferNumber}{(o.CoordinatorAlert ? " (coordinator alert)" : "")} token {o.ResumeToken}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // The call is disposed below, which ends the read.
        }

        _call.Dispose();
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                var response = _call.ResponseStream.Current;
                if (response.EventCase == WatchDispatchesResponse.EventOneofCase.Offer)
                {
                    _offers.Enqueue(response.Offer);
                }
                else if (response.EventCase == WatchDispatchesResponse.EventOneofCase.Heartbeat)
                {
                    Interlocked.Increment(ref _heartbeats);
                }
            }
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested)
        {
            Failure = exception;
        }
        catch (Exception)
        {
            // Disposed by the test.
        }
        finally
        {
            _ended = true;
        }
    }
}
