using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using NodaTime;
using Perfolizer.Horology;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.Benchmarks.Rota;

/// <summary>
/// The rota's two hot paths on <see cref="RotaBenchmarkSchedule"/>: <c>GetOnCall</c> (target p99 &lt; 100 µs)
/// and <c>ListShifts</c> for the whole year (target &lt; 10 ms). BenchmarkDotNet's statistics are over
/// iterations (each many calls), so its P95/P99 columns are of iteration means; the per-call tail comes
/// from <see cref="RotaLatency"/>.
/// </summary>
[Config(typeof(RotaBenchmarkConfig))]
public class RotaBenchmarks
{
    private const int Probes = 4096;

    private OnCallResolver _resolver = null!;
    private Instant[] _instants = null!;

    [GlobalSetup]
    public void Setup()
    {
        _resolver = RotaBenchmarkSchedule.Build();
        _instants = RotaBenchmarkSchedule.RandomInstants(Probes, seed: 7);
    }

    /// <summary>One <c>OnCallResolver.At</c> per operation, at random instants of 2026.</summary>
    [Benchmark(OperationsPerInvoke = Probes)]
    public int GetOnCall()
    {
        var covered = 0;
        foreach (var at in _instants)
        {
            if (_resolver.At(at) is not null)
            {
                covered++;
            }
        }

        return covered;
    }

    [Benchmark]
    public IReadOnlyList<ResolvedShift> ListShifts() => _resolver.Shifts(RotaBenchmarkSchedule.YearStart, RotaBenchmarkSchedule.YearEnd);
}

internal sealed class RotaBenchmarkConfig : ManualConfig
{
    public RotaBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        // One unit for both rows, the one the targets are stated in.
        WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));
    }
}
