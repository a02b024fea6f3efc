package io.streambus.bench.compare;

import io.streambus.bench.compare.rebalance.RebalanceWorkload;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a comparison run needs: what to run, for how long, and where things are.
 *
 * @param quick           seconds-long workloads: a check that the harness works, not a measurement
 * @param rounds          rounds; each runs every setup once, alternating the order
 * @param setups          setups to run (StreamBus and Kafka interleaved)
 * @param produceSpecs    producer-throughput workloads
 * @param produceWarmupMs sending before the measured window of each producer workload
 * @param produceMeasureMs the measured window
 * @param latency         the end-to-end latency workload
 * @param transactions    the transactional produce workload
 * @param coldStartTimeoutMs how long a broker may take to acknowledge its first produce
 * @param workDir         where run directories (configs, data, logs) go; must be on the disk under test
 * @param outputDir       where report.md, results.csv and the charts go
 * @param javaBin         the java that runs both brokers
 * @param kafkaClasspath  file with Kafka's class path (built by -Pbench-kafka)
 * @param streamBusJar    cli/target/streambus.jar
 * @param launcherScript  ./streambus, whose JVM options StreamBus runs with
 * @param workloads       workloads to run (cold start and the /proc figures always run)
 * @param rebalance       the consumer group rebalance workload
 */
public record CompareSettings(boolean quick, int rounds, List<BrokerSetup> setups, List<ProduceSpec> produceSpecs,
                              long produceWarmupMs, long produceMeasureMs, EndToEndLatency.Spec latency,
                              TransactionalProduce.Spec transactions, long coldStartTimeoutMs, Path workDir,
                              Path outputDir, Path javaBin, Path kafkaClasspath, Path streamBusJar, Path launcherScript,
                              Set<Workload> workloads, RebalanceWorkload.Spec rebalance) {

    public CompareSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        setups = List.copyOf(setups);
        produceSpecs = List.copyOf(produceSpecs);
        workloads = workloads.isEmpty() ? EnumSet.noneOf(Workload.class) : EnumSet.copyOf(workloads);
    }

    public boolean runs(Workload workload) {
        return workloads.contains(workload);
    }

    /** Consumer throughput reads back these producer workloads' topics. */
    public List<ProduceSpec> consumeSpecs() {
        return produceSpecs.stream().filter(ProduceSpec::consumed).toList();
    }

    public boolean runs(BrokerKind kind) {
        return setups.stream().anyMatch(s -> s.kind() == kind);
    }
}
