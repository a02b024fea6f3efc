package io.streambus.bench.compare;

import io.streambus.bench.compare.rebalance.RebalanceDescription;
import io.streambus.bench.compare.report.MachineInfo;
import io.streambus.bench.compare.report.ReportWriter;
import io.streambus.bench.compare.report.ResultsCsv;
import io.streambus.bench.compare.report.RunInfoFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rounds: every setup once per round, one broker at a time, in the listed order on odd rounds and
 * reversed on even ones, so that neither system always runs first (warm page cache, thermal state).
 * Results go to results.csv after every setup run, so an interrupted run keeps what it measured; the
 * report is written at the end. Runs on the caller's thread.
 */
public final class CompareRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CompareRunner.class);
    static final String QUICK_MODE = "--quick (smoke check, not a measurement)";

    private final CompareSettings settings;
    private final Map<BrokerKind, BrokerLauncher> launchers;

    public CompareRunner(CompareSettings settings) throws IOException {
        this.settings = settings;
        this.launchers = new EnumMap<>(BrokerKind.class);
        if (settings.runs(BrokerKind.STREAMBUS)) {
            launchers.put(BrokerKind.STREAMBUS, StreamBusLauncher.ofJar(settings.javaBin(), settings.streamBusJar(),
                    LauncherOptions.read(settings.launcherScript())));
        }
        if (settings.runs(BrokerKind.KAFKA)) {
            launchers.put(BrokerKind.KAFKA, new KafkaLauncher(settings.javaBin(), settings.kafkaClasspath()));
        }
    }

    public List<RoundResult> run() throws IOException, InterruptedException {
        Files.createDirectories(settings.outputDir());
        Files.createDirectories(settings.workDir());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ColdStart.warmClientClasses();
        List<RoundResult> results = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            List<BrokerSetup> order = new ArrayList<>(settings.setups());
            if (round % 2 == 0) {
                order = order.reversed();
            }
            for (BrokerSetup setup : order) {
                results.add(new SetupRun(settings, setup, round).run(launchers.get(setup.kind())));
                ResultsCsv.write(settings.outputDir().resolve("results.csv"), results);
            }
            LOG.info("round {} of {} done", round, settings.rounds());
        }
        Map<String, String> info = runInfo(started);
        RunInfoFile.write(settings.outputDir().resolve(RunInfoFile.NAME), info);
        new ReportWriter(results, settings.produceSpecs()).write(settings.outputDir(), info,
                settings.quick() ? ReportWriter.QUICK_NOTICE : "");
        LOG.info("report: {}", settings.outputDir().resolve(ReportWriter.REPORT));
        return results;
    }

    private Map<String, String> runInfo(Instant started) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("started", started.toString());
        info.put("mode", settings.quick() ? QUICK_MODE : "full");
        info.put("rounds", Integer.toString(settings.rounds()));
        info.putAll(MachineInfo.describe());
        info.put("Apache Kafka", AppInfoParser.getVersion() + " (kafka_2.13 from Maven Central), KRaft, one"
                + " process as broker and controller");
        launchers.forEach((kind, l) -> info.put(kind.displayName() + " JVM options", "`" + l.describeJvm() + "`"));
        info.put("producer", "kafka-clients " + AppInfoParser.getVersion() + ", linger.ms=" + ClientConfigs.LINGER_MS
                + ", batch.size=" + ClientConfigs.BATCH_BYTES + ", compression none, idempotence off, no keys");
        info.put("producer workloads", "closed loop, one producer; " + settings.produceWarmupMs() + " ms warm-up, then "
                + settings.produceMeasureMs() + " ms measured (records acknowledged in the window)");
        info.put("consumer workloads", "one consumer, partitions assigned (no group), reads the newest "
                + (settings.quick() ? SetupRun.CONSUME_BYTES / 8 : SetupRun.CONSUME_BYTES) / (1 << 20)
                + " MiB of values of each acks=1 topic (the same number of records for both systems)");
        EndToEndLatency.Spec l = settings.latency();
        info.put("latency workload", l.ratePerSec() + " records/s of " + l.recordBytes() + " B, acks=all, linger.ms="
                + ClientConfigs.LATENCY_LINGER_MS + ", " + l.partitions() + " partition(s), open loop from the intended"
                + " send schedule; " + l.warmupMs() + " ms warm-up, " + l.measureMs() + " ms measured");
        info.put("workloads", settings.workloads().stream().map(Workload::id).toList().toString());
        if (settings.runs(Workload.REBALANCE)) {
            info.put("rebalance workload", RebalanceDescription.describe(settings.rebalance()));
        }
        if (settings.runs(Workload.TRANSACTIONS)) {
            TransactionalProduce.Spec t = settings.transactions();
            info.put("transactional workload", "one transactional producer (acks=all, idempotent), closed loop of"
                    + " transactions of " + t.recordsPerTxn() + " records of " + t.recordBytes() + " B over " + t.partitions()
                    + " partitions; " + t.warmupMs() + " ms warm-up, " + t.measureMs() + " ms measured; commit latency is"
                    + " the time commitTransaction() blocks");
        }
        info.put("data directories", "`" + settings.workDir() + "` (" + fileSystem(settings.workDir()) + ")");
        return info;
    }

    /** The file system type matters: on tmpfs an fsync costs nothing and the durable setups mean nothing. */
    private static String fileSystem(Path dir) {
        try {
            var store = Files.getFileStore(dir);
            return store.type() + " on " + store.name();
        } catch (IOException e) {
            return "file system unknown";
        }
    }
}
