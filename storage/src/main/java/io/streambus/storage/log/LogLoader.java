package io.streambus.storage.log;

import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.batch.BatchValidator;
import io.streambus.storage.index.CorruptIndexException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory: finishes interrupted cleaner swaps ({@link SwapRecovery}), removes leftovers
 * ({@code .deleted}, {@code .cleaned}, stray indexes), opens the segments,
 * trusts the indexes of segments below the recovery point (after a sanity check) and recovers the rest:
 * every batch from the segment holding the recovery point on is checked (length, CRC), indexes are
 * rebuilt, and the log is cut at the first invalid or torn batch, dropping any later segment. After a
 * clean shutdown nothing is scanned.
 *
 * <p>Threading: used by one thread per log during start-up.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private LogLoader() {
    }

    static SegmentedLog load(LogId id, Path dir, LogConfig config, LogContext context, LogState saved,
                             boolean cleanShutdown) throws IOException {
        Files.createDirectories(dir);
        SwapRecovery.completeSwaps(id, dir);
        TreeSet<Long> baseOffsets = scanDirectory(dir);
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        try {
            if (baseOffsets.isEmpty()) {
                segments.put(saved.logStartOffset(), LogSegment.create(dir, saved.logStartOffset(), config));
            } else {
                loadSegments(id, dir, config, saved, cleanShutdown, baseOffsets, segments);
            }
        } catch (IOException | RuntimeException e) {
            closeAbruptly(segments, e);
            throw e;
        }
        long logEnd = segments.lastEntry().getValue().nextOffset();
        long logStart = Math.min(Math.max(saved.logStartOffset(), segments.firstKey()), logEnd);
        // Snapshots at or below the log end describe batches that survived recovery.
        LogProducerState producers = new LogProducerState(id, dir);
        try {
            producers.rebuild(segments, logEnd, context.time().milliseconds(), config.producerIdExpirationMs());
        } catch (IOException | RuntimeException e) {
            closeAbruptly(segments, e);
            throw e;
        }
        // Segments below the saved recovery point were on disk; the rest were just scanned and fsynced.
        return new SegmentedLog(id, dir, config, context, segments, logStart, saved.highWatermark(), logEnd,
                producers);
    }

    private static void closeAbruptly(ConcurrentSkipListMap<Long, LogSegment> segments, Exception e) {
        for (LogSegment segment : segments.values()) {
            try {
                segment.closeAbruptly();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
    }

    /** Deletes leftovers and returns the base offsets of the .log files. */
    private static TreeSet<Long> scanDirectory(Path dir) throws IOException {
        TreeSet<Long> logs = new TreeSet<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(SegmentFiles.DELETED) || name.endsWith(".tmp")
                        || name.endsWith(SegmentFiles.CLEANED) || name.endsWith(SegmentFiles.SWAP)) {
                    Files.deleteIfExists(file);
                } else if (SegmentFiles.parseBaseOffset(name, SegmentFiles.LOG) >= 0) {
                    logs.add(SegmentFiles.parseBaseOffset(name, SegmentFiles.LOG));
                } else if (name.endsWith(SegmentFiles.INDEX) || name.endsWith(SegmentFiles.TIME_INDEX)) {
                    indexes.add(file);
                }
            }
        }
        for (Path index : indexes) {
            String name = index.getFileName().toString();
            long base = Math.max(SegmentFiles.parseBaseOffset(name, SegmentFiles.INDEX),
                    SegmentFiles.parseBaseOffset(name, SegmentFiles.TIME_INDEX));
            if (!logs.contains(base)) {
                Files.deleteIfExists(index);
            }
        }
        return logs;
    }

    private static void loadSegments(LogId id, Path dir, LogConfig config, LogState saved, boolean cleanShutdown,
                                     TreeSet<Long> baseOffsets, ConcurrentSkipListMap<Long, LogSegment> segments)
            throws IOException {
        Long floor = baseOffsets.floor(saved.recoveryPoint());
        long recoverFrom = cleanShutdown ? Long.MAX_VALUE : (floor == null ? baseOffsets.first() : floor);
        BatchValidator validator = new BatchValidator();
        BatchList scratch = new BatchList();
        List<Long> offsets = new ArrayList<>(baseOffsets);
        for (int i = 0; i < offsets.size(); i++) {
            long base = offsets.get(i);
            boolean last = i == offsets.size() - 1;
            LogSegment segment = LogSegment.open(dir, base, config, last);
            segments.put(base, segment);
            boolean recovered = base >= recoverFrom;
            if (!recovered) {
                try {
                    segment.loadFromIndexes();
                } catch (CorruptIndexException e) {
                    LOG.warn("[Log {}] rebuilding indexes of segment {}: {}", id, base, e.getMessage());
                    recovered = true;
                }
            }
            long truncatedBytes = 0;
            if (recovered) {
                truncatedBytes = segment.recover(validator, scratch, config);
                segment.flushAll();
            }
            boolean cut = truncatedBytes > 0 || (!last && segment.nextOffset() > offsets.get(i + 1));
            if (cut) {
                LOG.warn("[Log {}] segment {} ends in an invalid or torn batch: truncated {} bytes, "
                        + "log end offset now {}", id, base, truncatedBytes, segment.nextOffset());
                deleteSegmentFiles(id, dir, offsets.subList(i + 1, offsets.size()));
                if (!last) {
                    segment.onActivate(config);
                }
                return;
            }
            if (!last) {
                segment.onRoll();
            }
        }
    }

    private static void deleteSegmentFiles(LogId id, Path dir, List<Long> baseOffsets) throws IOException {
        for (long base : baseOffsets) {
            LOG.warn("[Log {}] deleting segment {} after the recovery cut", id, base);
            Files.deleteIfExists(SegmentFiles.log(dir, base));
            Files.deleteIfExists(SegmentFiles.offsetIndex(dir, base));
            Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
        }
    }
}
