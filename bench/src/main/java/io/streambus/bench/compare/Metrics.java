package io.streambus.bench.compare;

import java.util.ArrayList;
import java.util.List;

/** Every figure the harness reports, in report order. Units: MB = 10^6 bytes, MiB = 2^20 bytes. */
public final class Metrics {

    public static final String PRODUCE = "Producer throughput";
    public static final String CONSUME = "Consumer throughput";
    public static final String LATENCY = "End-to-end latency";
    public static final String REBALANCE = "Consumer group rebalance";
    public static final String TRANSACTIONS = "Transactional produce";
    public static final String PROCESS = "Broker process";

    /** Group protocols of the rebalance workload, by their group.protocol value. */
    public static final List<String> GROUP_PROTOCOLS = List.of("classic", "consumer");
    /** Rebalance events, in report order. */
    public static final List<String> REBALANCE_EVENTS = List.of("join", "leave", "crash");

    /** Latency percentiles reported and plotted; 100 stands for the maximum. */
    public static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9, 99.99, 100.0);

    public static final Metric LATENCY_SENT_RATE = new Metric("latency.sent.per.s", LATENCY,
            "rate actually sent", "records/s", true);
    public static final Metric COLD_START = new Metric("coldstart.ms", PROCESS,
            "cold start: launch to first acknowledged produce", "ms", false);
    public static final Metric PEAK_RSS = new Metric("rss.peak.MiB", PROCESS,
            "peak resident memory (VmHWM)", "MiB", false);
    public static final Metric CPU_PER_GB = new Metric("cpu.s.per.GB", PROCESS,
            "CPU (user+system) per GB ingested", "s/GB", false);
    public static final Metric GC_MAX_PAUSE = new Metric("gc.pause.max.ms", PROCESS,
            "longest GC pause", "ms", false);
    public static final Metric GC_TOTAL_PAUSE = new Metric("gc.pause.total.ms", PROCESS,
            "total GC pause time", "ms", false);
    public static final Metric GC_PAUSES = new Metric("gc.pause.count", PROCESS,
            "GC pauses", "count", false);

    public static final Metric TXN_RECORDS = new Metric("txn.records.per.s", TRANSACTIONS,
            "committed records/s (transactions of 100 x 1 KiB over 3 partitions)", "records/s", true);
    /** commitTransaction() latency percentiles reported. */
    public static final List<Double> TXN_PERCENTILES = List.of(50.0, 99.0, 100.0);

    private Metrics() {
    }

    public static Metric txnCommit(double percentile) {
        return new Metric("txn.commit." + percentileName(percentile) + ".ms", TRANSACTIONS,
                "commit latency " + percentileName(percentile), "ms", false);
    }

    public static Metric produce(ProduceSpec spec) {
        return new Metric("produce." + spec.id() + ".MBps", PRODUCE, spec.label(), "MB/s", true);
    }

    public static Metric consume(ProduceSpec spec) {
        String label = spec.label().replace(", acks=" + spec.acks(), "");
        return new Metric("consume." + spec.id() + ".MBps", CONSUME, label, "MB/s", true);
    }

    public static Metric latency(double percentile) {
        return new Metric("latency." + percentileName(percentile) + ".ms", LATENCY, percentileName(percentile),
                "ms", false);
    }

    /**
     * Time until a group is whole and flowing again after an event.
     *
     * @param protocol one of {@link #GROUP_PROTOCOLS}
     * @param event    one of {@link #REBALANCE_EVENTS}
     */
    public static Metric rebalance(String protocol, String event) {
        String who = protocol.equals("classic") ? "classic protocol" : "consumer protocol (KIP-848)";
        String what = switch (event) {
            case "join" -> "a consumer joins";
            case "leave" -> "a consumer leaves (close)";
            case "crash" -> "a consumer crashes (session timeout)";
            default -> throw new IllegalArgumentException("unknown rebalance event " + event);
        };
        return new Metric("rebalance." + protocol + "." + event + ".ms", REBALANCE, who + ", " + what, "ms", false);
    }

    /** "p50", "p99.9", "max". */
    public static String percentileName(double percentile) {
        if (percentile >= 100.0) {
            return "max";
        }
        String s = Double.toString(percentile);
        return "p" + (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s);
    }

    public static List<Metric> all(List<ProduceSpec> specs) {
        List<Metric> all = new ArrayList<>();
        specs.forEach(s -> all.add(produce(s)));
        specs.stream().filter(ProduceSpec::consumed).forEach(s -> all.add(consume(s)));
        PERCENTILES.forEach(p -> all.add(latency(p)));
        all.add(LATENCY_SENT_RATE);
        REBALANCE_EVENTS.forEach(e -> GROUP_PROTOCOLS.forEach(p -> all.add(rebalance(p, e))));
        all.add(TXN_RECORDS);
        TXN_PERCENTILES.forEach(p -> all.add(txnCommit(p)));
        all.addAll(List.of(COLD_START, PEAK_RSS, CPU_PER_GB, GC_MAX_PAUSE, GC_TOTAL_PAUSE, GC_PAUSES));
        return all;
    }
}
