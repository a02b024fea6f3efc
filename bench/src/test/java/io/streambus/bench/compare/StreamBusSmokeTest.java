package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.bench.compare.rebalance.RebalanceWorkload;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One round of the harness against a real StreamBus process, with workloads a fraction of a second long:
 * launch, cold start, topics, producer, consumer and latency workloads, /proc, stop, GC log. Checks that
 * every figure is produced and plausible, not how good it is.
 */
class StreamBusSmokeTest {

    @TempDir
    Path workDir;

    @Test
    void oneRoundProducesEveryFigure() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<ProduceSpec> specs = List.of(new ProduceSpec(100, "1", 1), new ProduceSpec(1024, "all", 4));
        CompareSettings settings = new CompareSettings(true, 1, List.of(BrokerSetup.STREAMBUS_FSYNC), specs,
                200, 500, new EndToEndLatency.Spec(500, 64, 1, 200, 1_000),
                new TransactionalProduce.Spec(10, 64, 2, 200, 500), 60_000, workDir, workDir.resolve("out"),
                java, workDir.resolve("unused"), workDir.resolve("unused"), Path.of("../streambus"),
                // RebalanceWorkloadTest covers the rebalance workload, with group settings that keep it short.
                EnumSet.of(Workload.PRODUCE, Workload.CONSUME, Workload.LATENCY, Workload.TRANSACTIONS),
                RebalanceWorkload.Spec.standard(true, false));
        BrokerLauncher launcher = StreamBusLauncher.ofClasspath(java, System.getProperty("java.class.path"),
                LauncherOptions.read(settings.launcherScript()));

        RoundResult result = new SetupRun(settings, BrokerSetup.STREAMBUS_FSYNC, 1).run(launcher);

        assertThat(result.errors()).isEmpty();
        for (ProduceSpec spec : specs) {
            assertThat(result.value(Metrics.produce(spec)).orElseThrow()).isPositive();
        }
        assertThat(result.value(Metrics.consume(specs.getFirst())).orElseThrow()).isPositive();
        double p50 = result.value(Metrics.latency(50)).orElseThrow();
        assertThat(p50).isPositive().isLessThanOrEqualTo(result.value(Metrics.latency(100)).orElseThrow());
        assertThat(result.value(Metrics.TXN_RECORDS).orElseThrow()).isPositive();
        assertThat(result.value(Metrics.txnCommit(50)).orElseThrow())
                .isPositive().isLessThanOrEqualTo(result.value(Metrics.txnCommit(100)).orElseThrow());
        assertThat(result.value(Metrics.COLD_START).orElseThrow()).isBetween(1.0, 60_000.0);
        assertThat(result.value(Metrics.PEAK_RSS).orElseThrow()).isGreaterThan(10);
        assertThat(result.value(Metrics.CPU_PER_GB).orElseThrow()).isPositive();
        assertThat(result.value(Metrics.GC_PAUSES)).isPresent();
        // The data is gone; the config and logs stay for inspection.
        Path runDir = workDir.resolve("round-1").resolve(BrokerSetup.STREAMBUS_FSYNC.id());
        assertThat(runDir.resolve("data")).doesNotExist();
        assertThat(runDir.resolve("streambus.yaml")).exists();
        assertThat(runDir.resolve("gc.log")).exists();
    }
}
