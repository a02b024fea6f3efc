package io.streambus.bench.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one setup in one round, by {@link Metric#id()}, and what went wrong. A figure a
 * workload could not produce is absent, with the reason in {@link #errors()}.
 */
public record RoundResult(String setupId, int round, Map<String, Double> values, List<String> errors) {

    public RoundResult {
        values = Map.copyOf(new LinkedHashMap<>(values));
        errors = List.copyOf(errors);
    }

    public OptionalDouble value(Metric metric) {
        Double v = values.get(metric.id());
        return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
