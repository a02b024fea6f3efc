package io.streambus.bench.compare;

import io.streambus.bench.compare.rebalance.RebalanceWorkload;
import io.streambus.bench.compare.report.Numbers;
import io.streambus.bench.compare.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One setup in one round: launch a fresh broker on an empty data directory, measure cold start, run
 * every workload, read /proc, stop the broker, parse its GC log, delete its data (configs and logs stay
 * in the run directory for inspection). A workload that fails loses its figures, not the round.
 * Runs on the harness's main thread.
 */
final class SetupRun {

    private static final Logger LOG = LoggerFactory.getLogger(SetupRun.class);
    private static final long CONSUME_TIMEOUT_MS = 300_000;
    /** Value bytes each consumer workload reads (the newest records), the same for every system. */
    static final long CONSUME_BYTES = 1L << 30;

    private final CompareSettings settings;
    private final BrokerSetup setup;
    private final int round;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    SetupRun(CompareSettings settings, BrokerSetup setup, int round) {
        this.settings = settings;
        this.setup = setup;
        this.round = round;
    }

    RoundResult run(BrokerLauncher launcher) throws InterruptedException {
        Path runDir = settings.workDir().resolve("round-" + round).resolve(setup.id());
        try {
            deleteRecursively(runDir);
            Files.createDirectories(runDir);
            LOG.info("[round {} {}] starting in {}", round, setup.id(), runDir);
            ProgramFiles.readIntoPageCache(launcher.programFiles());
            BrokerProcess broker = launcher.launch(setup, runDir);
            try (broker) {
                measure(broker);
            }
            recordGcPauses(broker.gcLog());
            deleteRecursively(runDir.resolve("data"));
            LOG.info("[round {} {}] cold start {} ms, peak RSS {} MiB, CPU {} s/GB, longest GC pause {} ms", round,
                    setup.id(), format(Metrics.COLD_START), format(Metrics.PEAK_RSS), format(Metrics.CPU_PER_GB),
                    format(Metrics.GC_MAX_PAUSE));
        } catch (IOException e) {
            fail("run", e);
        }
        return new RoundResult(setup.id(), round, values, errors);
    }

    private void measure(BrokerProcess broker) throws InterruptedException {
        try {
            values.put(Metrics.COLD_START.id(), ColdStart.measureMs(broker, settings.coldStartTimeoutMs()));
            runWorkloads(broker);
        } catch (WorkloadException | IOException e) {
            fail("run", e);
        }
        try {
            if (broker.isAlive()) {
                values.put(Metrics.PEAK_RSS.id(), broker.sample().peakRssBytes() / (1024.0 * 1024.0));
            }
        } catch (IOException e) {
            fail("peak memory", e);
        }
    }

    private void runWorkloads(BrokerProcess broker) throws IOException, InterruptedException {
        String bootstrap = broker.bootstrapServers();
        List<NewTopic> topics = new ArrayList<>();
        if (settings.runs(Workload.PRODUCE)) {
            settings.produceSpecs().forEach(s -> topics.add(Topics.topic(s.topic(), s.partitions())));
        }
        if (settings.runs(Workload.LATENCY)) {
            topics.add(Topics.topic(EndToEndLatency.TOPIC, settings.latency().partitions()));
        }
        if (settings.runs(Workload.REBALANCE)) {
            topics.add(Topics.topic(RebalanceWorkload.TOPIC, settings.rebalance().partitions()));
        }
        if (settings.runs(Workload.TRANSACTIONS)) {
            topics.add(Topics.topic(TransactionalProduce.TOPIC, settings.transactions().partitions()));
        }
        if (!topics.isEmpty()) {
            Topics.createAndAwaitWritable(bootstrap, topics);
        }

        if (settings.runs(Workload.PRODUCE)) {
            ProcessSample beforeProduce = broker.sample();
            long ingestedBytes = 0;
            for (ProduceSpec spec : settings.produceSpecs()) {
                ingestedBytes += produce(bootstrap, spec);
                requireAlive(broker);
            }
            ProcessSample afterProduce = broker.sample();
            if (ingestedBytes > 0) {
                values.put(Metrics.CPU_PER_GB.id(),
                        (afterProduce.cpuSeconds() - beforeProduce.cpuSeconds()) / (ingestedBytes / 1e9));
            }
        }
        if (settings.runs(Workload.CONSUME)) {
            for (ProduceSpec spec : settings.consumeSpecs()) {
                consume(bootstrap, spec);
                requireAlive(broker);
            }
        }
        if (settings.runs(Workload.LATENCY)) {
            latency(bootstrap);
            requireAlive(broker);
        }
        if (settings.runs(Workload.REBALANCE)) {
            for (GroupProtocol protocol : List.of(GroupProtocol.CLASSIC, GroupProtocol.CONSUMER)) {
                rebalance(bootstrap, protocol);
                requireAlive(broker);
            }
        }
        if (settings.runs(Workload.TRANSACTIONS)) {
            transactions(bootstrap);
            requireAlive(broker);
        }
    }

    private void transactions(String bootstrap) {
        try {
            TransactionalProduce.Result r = TransactionalProduce.run(bootstrap, settings.transactions());
            values.put(Metrics.TXN_RECORDS.id(), r.recordsPerSec());
            Histogram h = r.commitUs();
            for (double p : Metrics.TXN_PERCENTILES) {
                long us = p >= 100.0 ? h.getMaxValue() : h.getValueAtPercentile(p);
                values.put(Metrics.txnCommit(p).id(), us / 1000.0);
            }
            LOG.info("[round {} {}] transactions: {} records/s, commit p50 {} ms, p99 {} ms over {} commits", round,
                    setup.id(), String.format("%.0f", r.recordsPerSec()), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getTotalCount());
        } catch (WorkloadException e) {
            fail("transactions", e);
        }
    }

    private long produce(String bootstrap, ProduceSpec spec) {
        try {
            ProducerThroughput.Result r = ProducerThroughput.run(bootstrap, spec, settings.produceWarmupMs(),
                    settings.produceMeasureMs());
            values.put(Metrics.produce(spec).id(), r.bytesPerSec() / 1e6);
            LOG.info("[round {} {}] produce {}: {} MB/s, {} records/s", round, setup.id(), spec.label(),
                    String.format("%.1f", r.bytesPerSec() / 1e6), String.format("%.0f", r.recordsPerSec()));
            return r.ackedBytes();
        } catch (WorkloadException e) {
            fail("produce " + spec.label(), e);
            return 0;
        }
    }

    private void consume(String bootstrap, ProduceSpec spec) {
        try {
            ConsumerThroughput.Result r = ConsumerThroughput.run(bootstrap, spec.topic(), spec.partitions(),
                    settings.quick() ? CONSUME_BYTES / 8 / spec.recordBytes() : CONSUME_BYTES / spec.recordBytes(),
                    CONSUME_TIMEOUT_MS);
            values.put(Metrics.consume(spec).id(), r.bytesPerSec() / 1e6);
            LOG.info("[round {} {}] consume {}: {} MB/s over {} records", round, setup.id(), spec.label(),
                    String.format("%.1f", r.bytesPerSec() / 1e6), r.records());
        } catch (WorkloadException e) {
            fail("consume " + spec.label(), e);
        }
    }

    private void latency(String bootstrap) throws InterruptedException {
        try {
            EndToEndLatency.Result r = EndToEndLatency.run(bootstrap, settings.latency());
            Histogram h = r.histogramUs();
            for (double p : Metrics.PERCENTILES) {
                long us = p >= 100.0 ? h.getMaxValue() : h.getValueAtPercentile(p);
                values.put(Metrics.latency(p).id(), us / 1000.0);
            }
            values.put(Metrics.LATENCY_SENT_RATE.id(), r.sentPerSec());
            LOG.info("[round {} {}] latency p50 {} ms, p99 {} ms, max {} ms over {} records", round, setup.id(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0, h.getTotalCount());
        } catch (WorkloadException e) {
            fail("end-to-end latency", e);
        }
    }

    private void rebalance(String bootstrap, GroupProtocol protocol) throws InterruptedException {
        String name = protocol.name().toLowerCase();
        try {
            RebalanceWorkload.Result r = RebalanceWorkload.run(bootstrap, settings.rebalance(), protocol);
            putMedian(Metrics.rebalance(name, "join"), r.joinMs());
            putMedian(Metrics.rebalance(name, "leave"), r.leaveMs());
            putMedian(Metrics.rebalance(name, "crash"), r.crashMs());
            LOG.info("[round {} {}] rebalance, {} protocol: join {} ms, leave {} ms, crash {} ms", round, setup.id(),
                    name, r.joinMs(), r.leaveMs(), r.crashMs());
        } catch (WorkloadException e) {
            fail("rebalance, " + name + " protocol", e);
        }
    }

    /** A run's repetitions are summarised by their median; the report then summarises rounds. */
    private void putMedian(Metric metric, List<Double> samples) {
        if (!samples.isEmpty()) {
            values.put(metric.id(), Summary.of(samples).median());
        }
    }

    private void recordGcPauses(Path gcLog) {
        try {
            GcPauses pauses = GcLogParser.parse(gcLog);
            values.put(Metrics.GC_MAX_PAUSE.id(), pauses.maxMs());
            values.put(Metrics.GC_TOTAL_PAUSE.id(), pauses.totalMs());
            values.put(Metrics.GC_PAUSES.id(), (double) pauses.count());
        } catch (IOException e) {
            fail("GC log " + gcLog, e);
        }
    }

    private String format(Metric metric) {
        Double v = values.get(metric.id());
        return v == null ? "-" : Numbers.number(v);
    }

    private void requireAlive(BrokerProcess broker) {
        if (!broker.isAlive()) {
            throw new WorkloadException("the broker process exited; see " + broker.consoleLog());
        }
    }

    private void fail(String what, Exception e) {
        String message = what + ": " + e.getMessage();
        LOG.warn("[round {} {}] {}", round, setup.id(), message);
        errors.add(message);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
