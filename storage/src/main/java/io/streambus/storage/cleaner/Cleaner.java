package io.streambus.storage.cleaner;

import io.streambus.storage.LogConfig;
import io.streambus.storage.Time;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.batch.BatchValidator;
import io.streambus.storage.log.LogSegment;
import io.streambus.storage.log.SegmentFiles;
import io.streambus.storage.log.SegmentedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaning pass over one log, Kafka's algorithm:
 * <ol>
 *   <li>Build an {@link OffsetMap} of key to latest offset over the dirty segments of the
 *       {@link CleanableRange}, as many whole segments as the map holds (the rest waits for the next pass).</li>
 *   <li>Rewrite every cleanable segment below the mapped end, in groups that fit {@code segment.bytes}, keeping
 *       what {@link CleanerFilter} keeps. Each group becomes one {@code <base>.log.cleaned} segment, written,
 *       indexed and fsynced off the log's lock, then swapped in by {@link SegmentedLog#replaceSegments}.</li>
 *   <li>Advance the checkpoint (first dirty offset) to the mapped end.</li>
 * </ol>
 * Offsets never change: compaction leaves gaps. Appends and reads go on meanwhile: only sealed segments are
 * read, and the swap takes the log's lock briefly.
 *
 * <p>Threading: not thread-safe; one per cleaner thread, reused across passes.
 */
public final class Cleaner {

    private static final Logger LOG = LoggerFactory.getLogger(Cleaner.class);
    private static final int CHUNK_BYTES = 1024 * 1024;

    /** The outcome of a pass. */
    public record Result(long bytesRead, long bytesReclaimed, long firstDirtyOffset, boolean completed) {
    }

    private final OffsetMap map;
    private final IoThrottler throttler;
    private final Time time;
    private final SegmentChunks chunks;
    private final BatchValidator validator = new BatchValidator();
    private final BatchList batches = new BatchList();
    private final BatchHeader header = new BatchHeader();
    private final BufferSupplier decompression = BufferSupplier.create();
    private ByteBuffer output = ByteBuffer.allocate(CHUNK_BYTES);

    /**
     * @param stopping polled between chunks: when true the pass ends with {@link CleanerStoppedException}
     *                 (threads are never interrupted: that would close the log's file channels)
     */
    public Cleaner(long offsetMapBytes, IoThrottler throttler, Time time, BooleanSupplier stopping) {
        this.map = new OffsetMap(offsetMapBytes);
        this.throttler = throttler;
        this.time = time;
        this.chunks = new SegmentChunks(CHUNK_BYTES, throttler, stopping);
    }

    /** Cleans whatever of {@code log} is cleanable now, due or not (tools, tests, benchmarks). */
    public Result clean(SegmentedLog log) throws IOException {
        return clean(log, CleanableRange.of(log, log.cleanerProgress().firstDirtyOffset(), time.milliseconds()));
    }

    /** Cleans {@code range} of {@code log} now. */
    public Result clean(SegmentedLog log, CleanableRange range) throws IOException {
        long nowMs = time.milliseconds();
        // Every transaction below the cleanable end is decided (the range stops at the last stable offset).
        AbortedRanges aborted = new AbortedRanges(log.abortedTransactions(log.logStartOffset(),
                range.firstUncleanableOffset()));
        long mappedEnd = buildOffsetMap(log, range, aborted);
        List<LogSegment> toClean = new ArrayList<>();
        for (LogSegment segment : range.segments()) {
            if (segment.baseOffset() < mappedEnd) {
                toClean.add(segment);
            }
        }
        LogConfig config = log.config();
        Map<Long, Long> producers = log.producerLastBatchOffsets();
        CleanerFilter filter = new CleanerFilter(map, producers, aborted, nowMs, config.cleanup().deleteRetentionMs());
        long bytesRead = 0;
        long bytesWritten = 0;
        for (List<LogSegment> group : groups(toClean, range.firstUncleanableOffset(), config.segmentBytes())) {
            long groupBytes = 0;
            for (LogSegment segment : group) {
                groupBytes += segment.sizeInBytes();
            }
            long written = cleanGroup(log, group, filter, config, nowMs);
            if (written < 0) {
                LOG.info("[Cleaner {}] segments changed during the pass (truncation or retention): stopping it",
                        log.id());
                return new Result(bytesRead, bytesRead - bytesWritten, range.firstDirtyOffset(), false);
            }
            bytesRead += groupBytes;
            bytesWritten += written;
        }
        long reclaimed = bytesRead - bytesWritten;
        log.cleanerProgress().onCleaned(mappedEnd, nowMs, reclaimed, filter.earliestDeleteHorizonMs());
        LOG.info("[Cleaner {}] cleaned {} segments below offset {}: {} bytes read, {} reclaimed", log.id(),
                toClean.size(), mappedEnd, bytesRead, reclaimed);
        return new Result(bytesRead, reclaimed, mappedEnd, true);
    }

    /** Maps keys of whole dirty segments while they fit; returns the offset the mapped part ends at. */
    private long buildOffsetMap(SegmentedLog log, CleanableRange range, AbortedRanges aborted) throws IOException {
        map.clear();
        long mappedEnd = range.firstDirtyOffset();
        List<LogSegment> segments = range.segments();
        for (int i = 0; i < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            if (segment.baseOffset() < range.firstDirtyOffset()) {
                continue;
            }
            if (!mapSegment(segment, aborted)) {
                if (mappedEnd == range.firstDirtyOffset()) {
                    LOG.warn("[Cleaner {}] segment {} has more keys than the offset map holds ({}): raise "
                            + "log.cleaner.dedupe.buffer.size", log.id(), segment.baseOffset(), map.capacity());
                }
                break;
            }
            mappedEnd = i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : range.firstUncleanableOffset();
        }
        return mappedEnd;
    }

    /**
     * Puts the keys of one segment in the map; false if the map filled up first. A partly mapped segment
     * leaves keys mapped to offsets past the cleaned range: harmless, a record superseded by a later one in
     * the log may always go.
     */
    private boolean mapSegment(LogSegment segment, AbortedRanges aborted) throws IOException {
        boolean[] fitted = {true};
        chunks.forEach(segment, buffer -> {
            if (!fitted[0]) {
                return;
            }
            for (MutableRecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
                if (batch.isControlBatch() || aborted.isAborted(batch)) {
                    continue;
                }
                for (Record record : batch) {
                    if (record.hasKey()) {
                        if (map.isFull()) {
                            fitted[0] = false;
                            return;
                        }
                        map.put(record.key(), record.offset());
                    }
                }
            }
        });
        return fitted[0];
    }

    /** Writes one cleaned segment for {@code group} and swaps it in; returns its size, or -1 if not swapped. */
    private long cleanGroup(SegmentedLog log, List<LogSegment> group, CleanerFilter filter, LogConfig config,
                            long nowMs) throws IOException {
        LogSegment cleaned = LogSegment.create(log.directory(), group.getFirst().baseOffset(), config,
                SegmentFiles.CLEANED);
        boolean swapped = false;
        try {
            for (LogSegment segment : group) {
                chunks.forEach(segment, buffer -> filterChunk(buffer, filter, cleaned, config, nowMs));
            }
            cleaned.seal();
            swapped = log.replaceSegments(group, cleaned);
            return swapped ? cleaned.sizeInBytes() : -1;
        } finally {
            if (!swapped) {
                cleaned.delete();
            }
        }
    }

    private void filterChunk(ByteBuffer buffer, CleanerFilter filter, LogSegment cleaned, LogConfig config,
                             long nowMs) throws IOException {
        if (output.capacity() < buffer.remaining()) {
            output = ByteBuffer.allocate(buffer.remaining());
        }
        output.clear();
        MemoryRecords.FilterResult result = MemoryRecords.readableRecords(buffer).filterTo(filter, output,
                decompression);
        ByteBuffer written = result.outputBuffer();
        if (written != output && written.capacity() > output.capacity()) {
            output = written; // filterTo grew it (a recompressed batch came out larger): keep the larger one
        }
        written.flip();
        if (written.hasRemaining()) {
            validator.validate(written, Integer.MAX_VALUE, false, batches);
            throttler.acquire(written.remaining(), chunks.stopping());
            cleaned.append(written, batches, header, config.indexIntervalBytes(), nowMs);
        }
    }

    /**
     * Consecutive segments grouped so each group's bytes fit {@code segment.bytes} and its offsets fit an
     * index's relative offsets (Integer range from the group's base).
     */
    static List<List<LogSegment>> groups(List<LogSegment> segments, long endOffset, int maxBytes) {
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            List<LogSegment> group = new ArrayList<>();
            LogSegment first = segments.get(i);
            long bytes = 0;
            while (i < segments.size()) {
                LogSegment segment = segments.get(i);
                long end = i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : endOffset;
                boolean fits = bytes + segment.sizeInBytes() <= maxBytes
                        && end - 1 - first.baseOffset() <= Integer.MAX_VALUE;
                if (!group.isEmpty() && !fits) {
                    break;
                }
                group.add(segment);
                bytes += segment.sizeInBytes();
                i++;
            }
            groups.add(group);
        }
        return groups;
    }
}
