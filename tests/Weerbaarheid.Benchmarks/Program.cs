using BenchmarkDotNet.Running;
using Weerbaarheid.Benchmarks;
using Weerbaarheid.Benchmarks.Dispatch;
using Weerbaarheid.Benchmarks.Rota;
using Weerbaarheid.Benchmarks.SelfTest;
using Weerbaarheid.Benchmarks.SignalTraining;

// `rota [BenchmarkDotNet arguments]`: the rota's in-process benchmarks (run-rota-benchmark.sh);
// `rota-latency [--calls N]`: per-call GetOnCall latency percentiles;
// `dispatch [--requests N] [--escalations N]`: dispatch latency through the gateway (run-dispatch-benchmark.sh);
// `self-test [--seconds N] [--concurrency N]`: anonymous self-tests through the gateway (run-selftest-benchmark.sh);
// `enrolment [--seconds N] [--concurrency N] [--cohorts N]`: applications for cohorts through the gateway (run-enrolment-benchmark.sh);
// `gateway-latency [--warmup N] [--seconds N] [--dispatches N]`: the gateway's added latency per route family (run-gateway-latency-benchmark.sh);
// anything else: the gateway load generator (run-gateway-benchmark.sh).
switch (args)
{
    case ["rota", .. var rest]:
        var summary = BenchmarkRunner.Run<RotaBenchmarks>(args: rest);
        Environment.ExitCode = summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
        break;
    case ["rota-latency", .. var rest]:
        RotaLatency.Run(rest);
        break;
    case ["dispatch", .. var rest]:
        await DispatchLatency.RunAsync(rest);
        break;
    case ["self-test", .. var rest]:
        await SelfTestLoad.RunAsync(rest);
        break;
    case ["enrolment", .. var rest]:
        await EnrolmentLoad.RunAsync(rest);
        break;
    case ["gateway-latency", .. var rest]:
        await GatewayLatency.RunAsync(rest);
        break;
    default:
        await GatewayLoad.RunAsync(args);
        break;
}
