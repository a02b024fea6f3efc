package io.streambus.cli.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of a benchmark run. Any thread records (the producer's I/O thread, the consuming
 * thread); one reporting thread takes {@link #interval() intervals}, and the summary is read after the run.
 * Latencies are kept in microseconds, up to an hour, with 3 significant digits.
 */
final class BenchStats {

    private static final long MAX_LATENCY_US = 3_600_000_000L;

    private final Recorder recorder = new Recorder(MAX_LATENCY_US, 3);
    private final Histogram total = new Histogram(MAX_LATENCY_US, 3);
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private Histogram recycled;
    private long intervalRecords;
    private long intervalBytes;

    void record(long latencyUs, int sizeBytes) {
        recorder.recordValue(Math.clamp(latencyUs, 0, MAX_LATENCY_US));
        records.increment();
        bytes.add(sizeBytes);
    }

    void error(Throwable e) {
        errors.increment();
        firstError.compareAndSet(null, e);
    }

    long records() {
        return records.sum();
    }

    long errors() {
        return errors.sum();
    }

    Throwable firstError() {
        return firstError.get();
    }

    /** What happened since the last interval; the reporting thread only. Adds it to the total. */
    synchronized Interval interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        total.add(recycled);
        long r = records.sum();
        long b = bytes.sum();
        Interval interval = new Interval(r - intervalRecords, b - intervalBytes, recycled.getValueAtPercentile(50),
                recycled.getValueAtPercentile(99), recycled.getValueAtPercentile(99.9), recycled.getMaxValue());
        intervalRecords = r;
        intervalBytes = b;
        return interval;
    }

    /** Counts and latencies since one interval; latencies in µs. */
    record Interval(long records, long bytes, long p50Us, long p99Us, long p999Us, long maxUs) {
    }

    /** The whole run, after the last {@link #interval()}; units in the keys. */
    synchronized Map<String, Object> summary(String topic, long elapsedNs) {
        interval();
        double seconds = Math.max(1e-9, elapsedNs / 1e9);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("topic", topic);
        summary.put("records", records.sum());
        summary.put("errors", errors.sum());
        summary.put("bytes", bytes.sum());
        summary.put("elapsed_s", round(seconds));
        summary.put("records_per_s", round(records.sum() / seconds));
        summary.put("mb_per_s", round(bytes.sum() / seconds / 1_048_576));
        summary.put("latency_ms_p50", ms(total.getValueAtPercentile(50)));
        summary.put("latency_ms_p95", ms(total.getValueAtPercentile(95)));
        summary.put("latency_ms_p99", ms(total.getValueAtPercentile(99)));
        summary.put("latency_ms_p99_9", ms(total.getValueAtPercentile(99.9)));
        summary.put("latency_ms_max", ms(total.getMaxValue()));
        return summary;
    }

    static String progressLine(long elapsedS, Interval i, double intervalS) {
        return String.format(Locale.ROOT, "[%4ds] %,12.0f rec/s %9.1f MB/s   p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms",
                elapsedS, i.records() / intervalS, i.bytes() / intervalS / 1_048_576, ms(i.p50Us()), ms(i.p99Us()),
                ms(i.p999Us()), ms(i.maxUs()));
    }

    private static double ms(long us) {
        return round(us / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
