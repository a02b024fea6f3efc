package io.streambus.bench.compare;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The workloads a run can select with {@code --workloads}; cold start and /proc figures always run. */
public enum Workload {
    PRODUCE("produce"),
    /** Reads back the producer workloads' topics, so it needs {@link #PRODUCE}. */
    CONSUME("consume"),
    LATENCY("latency"),
    REBALANCE("rebalance"),
    /** Transactions of 100 records committed back to back: throughput and commit latency. */
    TRANSACTIONS("transactions");

    private final String id;

    Workload(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Set<Workload> all() {
        return EnumSet.allOf(Workload.class);
    }

    /** Parses ids ("produce", "rebalance", ...); consume without produce has nothing to read. */
    public static Set<Workload> parse(List<String> ids) {
        Set<Workload> selected = EnumSet.noneOf(Workload.class);
        for (String id : ids) {
            selected.add(Arrays.stream(values()).filter(w -> w.id.equals(id.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown workload " + id + "; known: "
                            + Arrays.stream(values()).map(Workload::id).toList())));
        }
        if (selected.contains(CONSUME) && !selected.contains(PRODUCE)) {
            throw new IllegalArgumentException("the consume workload reads what produce wrote: select both");
        }
        return selected;
    }
}
