package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node metadata log: one file, {@code <dir>/metadata.log}, framed as in
 * {@link BatchFraming}, plus snapshot files ({@link SnapshotFile}) in the same directory.
 * A batch counts as committed once it is written and fsynced. On open, a torn tail (a batch
 * cut short or with a bad CRC, from a crash mid-write) is truncated away.
 *
 * <p>Threading: every file operation and every listener callback runs on one thread,
 * {@code metadata-log}, that owns the file channel, the listeners and the write position;
 * public methods only enqueue work for it. Listeners therefore see batches strictly in order.
 *
 * <p>Known gap: the log is never truncated below the latest snapshot, so it grows without
 * bound; start-up still replays only the batches after the snapshot.
 */
public final class LocalMetadataLog implements MetadataLog {

    public static final String LOG_FILE_NAME = "metadata.log";
    /**
     * The local log has one writer, this node, and never holds an election: one leadership term for the life
     * of the log. Its epoch is 1, the epoch a single Kafka voter reaches with its first election.
     */
    public static final int LEADER_EPOCH = 1;
    /** Snapshots kept besides the latest one, as a fallback if the latest is damaged. */
    private static final int SNAPSHOTS_RETAINED = 2;

    private static final Logger log = LoggerFactory.getLogger(LocalMetadataLog.class);

    private final Path dir;
    private final String logPrefix;
    private final FileChannel channel;
    private final ExecutorService thread;
    // Owned by the log thread.
    private final List<MetadataLogListener> listeners = new ArrayList<>();
    private long endPosition;
    private MetadataSnapshot latestSnapshot;
    private Throwable failure;
    // Written by the log thread, read by any thread.
    private volatile long lastCommittedOffset;
    private volatile boolean closed;

    private LocalMetadataLog(Path dir, FileChannel channel, long endPosition, long lastCommittedOffset,
                             MetadataSnapshot latestSnapshot) {
        this.dir = dir;
        this.logPrefix = "[MetadataLog " + dir + "] ";
        this.channel = channel;
        this.endPosition = endPosition;
        this.lastCommittedOffset = lastCommittedOffset;
        this.latestSnapshot = latestSnapshot;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("metadata-log").daemon()
                .factory());
    }

    /**
     * Opens (or creates) the log in {@code dir}, e.g. {@code <data>/__cluster_metadata-0}:
     * truncates a torn tail, removes unfinished snapshot files and finds the latest valid snapshot.
     */
    public static LocalMetadataLog open(Path dir) {
        String prefix = "[MetadataLog " + dir + "] ";
        try {
            Files.createDirectories(dir);
            deleteUnfinishedSnapshots(dir, prefix);
            Path file = dir.resolve(LOG_FILE_NAME);
            boolean created = !Files.exists(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                // A second process appending to the same file would interleave batches and corrupt it.
                if (channel.tryLock() == null) {
                    throw new MetadataLogException(prefix + "in use by another process");
                }
                if (created) {
                    // The new file's directory entry must be durable before any batch counts as committed.
                    SnapshotFile.fsyncDirectory(dir);
                }
                long size = channel.size();
                BatchFraming.ScanResult scan = BatchFraming.scan(channel, size, (base, count, records) -> { });
                if (scan.tornReason() != null) {
                    log.warn("{}Truncating torn tail at byte {} of {} ({}); last valid offset {}", prefix,
                            scan.validBytes(), size, scan.tornReason(), scan.lastOffset());
                    channel.truncate(scan.validBytes());
                    channel.force(true);
                }
                MetadataSnapshot snapshot = latestValidSnapshot(dir, scan.lastOffset(), prefix);
                log.info("{}Opened: last offset {}, {} bytes, snapshot at {}", prefix, scan.lastOffset(),
                        scan.validBytes(), snapshot == null ? "none" : snapshot.lastOffset());
                return new LocalMetadataLog(dir, channel, scan.validBytes(), scan.lastOffset(), snapshot);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            throw new MetadataLogException(prefix + "cannot open: " + e, e);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("empty metadata batch"));
        }
        List<MetadataRecord> copy = List.copyOf(records);
        return submit(() -> doAppend(copy));
    }

    @Override
    public CompletableFuture<Void> register(MetadataLogListener listener) {
        return submit(() -> {
            replayTo(listener);
            listeners.add(listener);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> createSnapshot(MetadataSnapshot snapshot) {
        return submit(() -> {
            doCreateSnapshot(snapshot);
            return null;
        });
    }

    @Override
    public long lastCommittedOffset() {
        return lastCommittedOffset;
    }

    @Override
    public int leaderEpoch() {
        return LEADER_EPOCH;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Work already queued still runs, so callers waiting on it get an answer.
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{}Log thread did not stop within 30s", logPrefix);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("{}Error closing the log file", logPrefix, e);
        }
        log.info("{}Closed at offset {}", logPrefix, lastCommittedOffset);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new MetadataLogException(logPrefix + "closed"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new MetadataLogException(logPrefix + "closed"));
        }
        return result;
    }

    private long doAppend(List<MetadataRecord> records) {
        if (failure != null) {
            throw new MetadataLogException(logPrefix + "failed earlier, not accepting appends", failure);
        }
        long baseOffset = lastCommittedOffset + 1;
        ByteBuffer frame = BatchFraming.encode(baseOffset, records);
        int frameBytes = frame.remaining();
        try {
            long at = endPosition;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
            // The batch is committed only once it is on disk.
            channel.force(false);
        } catch (IOException e) {
            // The file's tail is now unknown; refuse further writes rather than risk a gap.
            failure = e;
            log.error("{}Append at offset {} failed; the log stops accepting appends", logPrefix, baseOffset, e);
            throw new MetadataLogException(logPrefix + "append failed: " + e.getMessage(), e);
        }
        endPosition += frameBytes;
        MetadataBatch batch = new MetadataBatch(baseOffset, records);
        lastCommittedOffset = batch.lastOffset();
        for (MetadataLogListener listener : listeners) {
            deliver(listener, batch);
        }
        return batch.lastOffset();
    }

    private void deliver(MetadataLogListener listener, MetadataBatch batch) {
        try {
            listener.onCommit(batch);
        } catch (RuntimeException e) {
            // One broken listener must not stop the log or the others.
            log.error("{}Listener {} failed on batch at offset {}", logPrefix, listener, batch.baseOffset(), e);
        }
    }

    private void replayTo(MetadataLogListener listener) {
        long snapshotOffset = -1;
        if (latestSnapshot != null) {
            listener.onSnapshot(latestSnapshot);
            snapshotOffset = latestSnapshot.lastOffset();
        }
        long after = snapshotOffset;
        try {
            BatchFraming.scan(channel, endPosition, (baseOffset, count, records) -> {
                if (baseOffset > after) {
                    deliver(listener, new MetadataBatch(baseOffset, BatchFraming.decodeRecords(records, count)));
                } else if (baseOffset + count - 1 > after) {
                    throw new MetadataLogException(logPrefix + "snapshot at " + after
                            + " ends inside the batch at " + baseOffset);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void doCreateSnapshot(MetadataSnapshot snapshot) {
        if (snapshot.lastOffset() > lastCommittedOffset) {
            throw new IllegalArgumentException("snapshot offset " + snapshot.lastOffset()
                    + " is beyond the last committed offset " + lastCommittedOffset);
        }
        if (latestSnapshot != null && snapshot.lastOffset() <= latestSnapshot.lastOffset()) {
            return;
        }
        try {
            Path file = SnapshotFile.write(dir, snapshot);
            latestSnapshot = snapshot;
            log.info("{}Wrote snapshot {} ({} records)", logPrefix, file.getFileName(), snapshot.records().size());
            deleteOldSnapshots();
        } catch (IOException e) {
            // The log itself is fine; the next snapshot will try again.
            log.error("{}Writing snapshot at offset {} failed", logPrefix, snapshot.lastOffset(), e);
            throw new MetadataLogException(logPrefix + "snapshot failed: " + e.getMessage(), e);
        }
    }

    private void deleteOldSnapshots() throws IOException {
        List<Path> snapshots = listSnapshots(dir);
        for (int i = SNAPSHOTS_RETAINED + 1; i < snapshots.size(); i++) {
            Files.deleteIfExists(snapshots.get(i));
        }
    }

    /** Snapshot files, newest first. */
    private static List<Path> listSnapshots(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SnapshotFile.offsetOf(f) >= 0)
                    .sorted(Comparator.comparingLong(SnapshotFile::offsetOf).reversed())
                    .toList();
        }
    }

    private static MetadataSnapshot latestValidSnapshot(Path dir, long lastOffset, String prefix)
            throws IOException {
        for (Path file : listSnapshots(dir)) {
            if (SnapshotFile.offsetOf(file) > lastOffset) {
                log.warn("{}Ignoring snapshot {} beyond the log's last offset {}", prefix, file.getFileName(),
                        lastOffset);
                continue;
            }
            try {
                return SnapshotFile.read(file);
            } catch (MetadataLogException e) {
                log.warn("{}Ignoring invalid snapshot: {}", prefix, e.getMessage());
            }
        }
        return null;
    }

    private static void deleteUnfinishedSnapshots(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SnapshotFile.TMP_SUFFIX))
                    .toList()) {
                log.info("{}Deleting unfinished snapshot {}", prefix, file.getFileName());
                Files.delete(file);
            }
        }
    }
}
