package io.streambus.storage;

import io.streambus.storage.checkpoint.CorruptCheckpointException;
import io.streambus.storage.checkpoint.OffsetCheckpointFile;
import io.streambus.storage.cleaner.CleanerManager;
import io.streambus.storage.log.LogContext;
import io.streambus.storage.log.LogState;
import io.streambus.storage.log.SegmentedLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the partition logs of one data directory: takes the directory's lock file, recovers every log
 * at start-up (in parallel), creates and deletes logs, writes the checkpoint files periodically and
 * owns the threads every log shares (flushers, timers).
 *
 * <p>Files at the top of the data directory: {@code .lock} (held with an OS file lock while open),
 * {@code .clean-shutdown} (written by {@link #close()}, removed at open: when present, nothing is
 * scanned), and four {@link OffsetCheckpointFile}s: {@value #RECOVERY_POINT_CHECKPOINT},
 * {@value #LOG_START_CHECKPOINT}, {@value #HIGH_WATERMARK_CHECKPOINT}, {@value #CLEANER_CHECKPOINT}.
 *
 * <p>Background work: the retention task ({@code log.retention.check.interval.ms}, on the scheduler thread)
 * applies time and size retention to every log; the {@link CleanerManager}'s threads compact logs whose
 * policy includes compact.
 *
 * <p>Threading: thread-safe. The map of logs is concurrent; {@link #checkpoint()} is serialised by
 * the {@code checkpointLock} monitor; {@link #getOrCreate} and {@link #delete} are serialised by the
 * {@code lifecycleLock} monitor, held only while a log's directory is created, opened or renamed.
 */
public final class LogManager implements AutoCloseable {

    public static final String LOCK_FILE = ".lock";
    public static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    public static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    public static final String LOG_START_CHECKPOINT = "log-start-offset-checkpoint";
    public static final String HIGH_WATERMARK_CHECKPOINT = "replication-offset-checkpoint";
    /** Each compacted log's first dirty offset: where the next cleaning pass starts (Kafka's file name). */
    public static final String CLEANER_CHECKPOINT = "cleaner-offset-checkpoint";
    static final String DELETE_SUFFIX = "-delete";
    /**
     * Directories that belong to the data directory but are not partition logs: the metadata log lives in
     * {@code __cluster_metadata-0}, where KRaft keeps it, so operators find it where they expect.
     */
    public static final String RESERVED_PREFIX = "__cluster_metadata";

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LogContext context;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService flushers;
    private final Map<LogId, SegmentedLog> logs = new ConcurrentHashMap<>();
    /** Logs that could not be opened, with their last checkpointed state, kept so checkpoints keep it. */
    private final Map<LogId, LogState> offline = new ConcurrentHashMap<>();
    private final OffsetCheckpointFile recoveryPoints;
    private final OffsetCheckpointFile logStartOffsets;
    private final OffsetCheckpointFile highWatermarks;
    private final OffsetCheckpointFile cleanerOffsets;
    private final CleanerManager cleaner;
    private final ScheduledFuture<?> retentionTask;
    private final Object checkpointLock = new Object();
    private final Object lifecycleLock = new Object();
    private final ScheduledFuture<?> checkpointTask;
    private volatile boolean closed;

    private LogManager(Path dataDir, FileChannel lockChannel, FileLock lock, Time time, LogManagerConfig config) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("streambus-log-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.flushers = Executors.newFixedThreadPool(config.flusherThreads(), daemonThreads("streambus-flusher"));
        this.context = new LogContext(time, scheduler, flushers, config.fileDeleteDelayMs());
        this.recoveryPoints = new OffsetCheckpointFile(dataDir.resolve(RECOVERY_POINT_CHECKPOINT));
        this.logStartOffsets = new OffsetCheckpointFile(dataDir.resolve(LOG_START_CHECKPOINT));
        this.highWatermarks = new OffsetCheckpointFile(dataDir.resolve(HIGH_WATERMARK_CHECKPOINT));
        this.cleanerOffsets = new OffsetCheckpointFile(dataDir.resolve(CLEANER_CHECKPOINT));
        this.checkpointTask = scheduler.scheduleWithFixedDelay(this::checkpointQuietly, config.checkpointIntervalMs(),
                config.checkpointIntervalMs(), TimeUnit.MILLISECONDS);
        this.retentionTask = scheduler.scheduleWithFixedDelay(this::enforceRetentionQuietly,
                config.retentionCheckIntervalMs(), config.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
        this.cleaner = new CleanerManager(dataDir.toString(), logs::values, config.cleaner(), time,
                log -> checkpointCleanerQuietly());
    }

    /**
     * Locks {@code dataDir} and opens every log in it.
     *
     * @param configs the config of each existing log (the broker resolves topic configs)
     * @throws StorageException if the directory is locked by another process or cannot be used at all
     */
    public static LogManager open(Path dataDir, Function<LogId, LogConfig> configs, Time time,
                                  LogManagerConfig config) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StorageException("data directory " + dataDir + " is in use by another StreamBus "
                        + "process (" + dataDir.resolve(LOCK_FILE) + " is locked)");
            }
            LogManager manager = new LogManager(dataDir, lockChannel, lock, time, config);
            try {
                manager.loadLogs(configs, config.recoveryThreads());
                manager.cleaner.start();
            } catch (RuntimeException | IOException e) {
                manager.shutdownThreads();
                throw e;
            }
            return manager;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StorageException("cannot open data directory " + dataDir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    public static LogManager open(Path dataDir, Function<LogId, LogConfig> configs, Time time) {
        return open(dataDir, configs, time, LogManagerConfig.DEFAULT);
    }

    private void loadLogs(Function<LogId, LogConfig> configs, int recoveryThreads) throws IOException {
        Path marker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(marker);
        Map<LogId, Long> savedRecoveryPoints = readCheckpoint(recoveryPoints);
        Map<LogId, Long> savedStarts = readCheckpoint(logStartOffsets);
        Map<LogId, Long> savedWatermarks = readCheckpoint(highWatermarks);
        Map<LogId, Long> savedCleanerOffsets = readCheckpoint(cleanerOffsets);
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path dir : entries) {
                if (dir.getFileName().toString().endsWith(DELETE_SUFFIX)) {
                    deleteDirectoryLater(dir);
                } else {
                    dirs.add(dir);
                }
            }
        }
        ExecutorService recovery = Executors.newFixedThreadPool(recoveryThreads, daemonThreads("streambus-recovery"));
        try {
            Map<LogId, Future<SegmentedLog>> opening = new HashMap<>();
            for (Path dir : dirs) {
                if (dir.getFileName().toString().startsWith(RESERVED_PREFIX)) {
                    continue;
                }
                LogId id;
                try {
                    id = LogId.fromDirectoryName(dir.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    LOG.warn("[LogManager {}] ignoring directory {}: not a partition log", dataDir, dir);
                    continue;
                }
                LogState saved = new LogState(savedRecoveryPoints.getOrDefault(id, 0L),
                        savedStarts.getOrDefault(id, 0L), savedWatermarks.getOrDefault(id, 0L));
                opening.put(id, recovery.submit(() -> SegmentedLog.open(id, dir, configs.apply(id), context, saved,
                        clean)));
                offline.put(id, saved); // until it opened
            }
            for (Map.Entry<LogId, Future<SegmentedLog>> entry : opening.entrySet()) {
                awaitOpen(entry.getKey(), entry.getValue());
                SegmentedLog log = logs.get(entry.getKey());
                if (log != null) {
                    log.cleanerProgress().firstDirtyOffset(savedCleanerOffsets.getOrDefault(entry.getKey(), 0L));
                }
            }
        } finally {
            recovery.shutdownNow();
        }
        if (clean) {
            // A crash from here on must trigger recovery again.
            Files.delete(marker);
            OffsetCheckpointFile.fsyncDirectory(dataDir);
        }
        boolean fresh = !clean && dirs.isEmpty() && !Files.exists(dataDir.resolve(RECOVERY_POINT_CHECKPOINT));
        LOG.info("[LogManager {}] opened {} logs ({} offline) {}", dataDir, logs.size(), offline.size(),
                fresh ? "in a new data directory" : clean ? "after a clean shutdown" : "after an unclean shutdown");
    }

    private void awaitOpen(LogId id, Future<SegmentedLog> future) {
        try {
            SegmentedLog log = future.get();
            logs.put(id, log);
            offline.remove(id);
        } catch (ExecutionException e) {
            LOG.error("[LogManager {}] log {} is offline: cannot open {}: {}", dataDir, id,
                    dataDir.resolve(id.directoryName()), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while opening logs");
        }
    }

    private Map<LogId, Long> readCheckpoint(OffsetCheckpointFile file) throws IOException {
        try {
            return file.read();
        } catch (CorruptCheckpointException e) {
            LOG.error("[LogManager {}] ignoring corrupt checkpoint, logs will be recovered fully: {}", dataDir,
                    e.getMessage());
            return Map.of();
        }
    }

    /** The data directory this manager owns. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns the log, creating an empty one with {@code config} if it does not exist. */
    public PartitionLog getOrCreate(LogId id, LogConfig config) {
        SegmentedLog existing = logs.get(id);
        if (existing != null) {
            return existing;
        }
        synchronized (lifecycleLock) {
            checkOpen();
            existing = logs.get(id);
            if (existing != null) {
                return existing;
            }
            if (offline.containsKey(id)) {
                throw new LogOfflineException("log " + id + " in " + dataDir + " is offline");
            }
            try {
                SegmentedLog log = SegmentedLog.open(id, dataDir.resolve(id.directoryName()), config, context,
                        LogState.EMPTY, false);
                OffsetCheckpointFile.fsyncDirectory(dataDir);
                logs.put(id, log);
                LOG.info("[LogManager {}] created log {}", dataDir, id);
                return log;
            } catch (IOException e) {
                throw new LogIOException("cannot create log " + id + " in " + dataDir, e);
            }
        }
    }

    /**
     * The log with this id, if it exists.
     *
     * @throws LogOfflineException if the log exists but could not be opened or went offline
     */
    public Optional<PartitionLog> log(LogId id) {
        if (offline.containsKey(id)) {
            throw new LogOfflineException("log " + id + " in " + dataDir + " is offline");
        }
        SegmentedLog log = logs.get(id);
        if (log != null && log.isOffline()) {
            throw new LogOfflineException("log " + id + " in " + dataDir + " is offline after a disk error");
        }
        return Optional.ofNullable(log);
    }

    /** Every open log. */
    public Collection<PartitionLog> logs() {
        return List.copyOf(logs.values());
    }

    /** Logs that could not be opened at start-up. */
    public Set<LogId> offlineLogs() {
        return Set.copyOf(offline.keySet());
    }

    /**
     * Closes the log, renames its directory to {@code <topic>-<partition>.<random>-delete} and deletes it
     * in the background. Returns false if there was no such log.
     */
    public boolean delete(LogId id) {
        synchronized (lifecycleLock) {
            SegmentedLog log = logs.remove(id);
            boolean wasOffline = offline.remove(id) != null;
            if (log == null && !wasOffline) {
                return false;
            }
            if (log != null) {
                cleaner.whileNotCleaning(id, log::abandon);
            }
            Path dir = dataDir.resolve(id.directoryName());
            Path renamed = dataDir.resolve(id.directoryName() + "."
                    + UUID.randomUUID().toString().replace("-", "") + DELETE_SUFFIX);
            try {
                Files.move(dir, renamed);
                OffsetCheckpointFile.fsyncDirectory(dataDir);
            } catch (IOException e) {
                throw new LogIOException("cannot delete log " + id + " in " + dataDir, e);
            }
            LOG.info("[LogManager {}] deleted log {}", dataDir, id);
            deleteDirectoryLater(renamed);
            return true;
        }
    }

    private void deleteDirectoryLater(Path dir) {
        scheduler.execute(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.warn("[LogManager {}] could not delete {}: {}", dataDir, dir, e.toString());
            }
        });
    }

    /** Writes the three checkpoint files now. */
    public void checkpoint() {
        synchronized (checkpointLock) {
            Map<LogId, Long> points = new HashMap<>();
            Map<LogId, Long> starts = new HashMap<>();
            Map<LogId, Long> watermarks = new HashMap<>();
            for (Map.Entry<LogId, LogState> entry : offline.entrySet()) {
                points.put(entry.getKey(), entry.getValue().recoveryPoint());
                starts.put(entry.getKey(), entry.getValue().logStartOffset());
                watermarks.put(entry.getKey(), entry.getValue().highWatermark());
            }
            for (SegmentedLog log : logs.values()) {
                points.put(log.id(), log.recoveryPoint());
                starts.put(log.id(), log.logStartOffset());
                watermarks.put(log.id(), log.highWatermark());
            }
            try {
                recoveryPoints.write(points);
                logStartOffsets.write(starts);
                highWatermarks.write(watermarks);
            } catch (IOException e) {
                throw new LogIOException("cannot write checkpoints in " + dataDir, e);
            }
            checkpointCleaner();
        }
    }

    /** Writes the cleaner checkpoint now: each compacted log's first dirty offset. */
    public void checkpointCleaner() {
        synchronized (checkpointLock) {
            Map<LogId, Long> offsets = new HashMap<>();
            for (SegmentedLog log : logs.values()) {
                if (log.config().cleanup().compact() || log.cleanerProgress().firstDirtyOffset() > 0) {
                    offsets.put(log.id(), log.cleanerProgress().firstDirtyOffset());
                }
            }
            try {
                cleanerOffsets.write(offsets);
            } catch (IOException e) {
                throw new LogIOException("cannot write the cleaner checkpoint in " + dataDir, e);
            }
        }
    }

    private void checkpointCleanerQuietly() {
        try {
            checkpointCleaner();
        } catch (RuntimeException e) {
            LOG.error("[LogManager {}] cleaner checkpoint failed", dataDir, e);
        }
    }

    /** Applies time and size retention to every log now; runs every {@code log.retention.check.interval.ms}. */
    public void enforceRetention() {
        for (SegmentedLog log : logs.values()) {
            try {
                log.enforceRetention();
            } catch (RuntimeException e) {
                LOG.error("[LogManager {}] retention of {} failed", dataDir, log.id(), e);
            }
        }
    }

    private void enforceRetentionQuietly() {
        try {
            enforceRetention();
        } catch (RuntimeException e) {
            LOG.error("[LogManager {}] retention failed", dataDir, e);
        }
    }

    /** The cleaner of this data directory: stats, {@link CleanerManager#wakeUp()}. */
    public CleanerManager cleaner() {
        return cleaner;
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.error("[LogManager {}] checkpoint failed", dataDir, e);
        }
    }

    /** Flushes and closes every log, writes checkpoints and the clean-shutdown marker, releases the lock. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        checkpointTask.cancel(false);
        retentionTask.cancel(false);
        cleaner.close();
        boolean clean = offline.isEmpty();
        for (SegmentedLog log : logs.values()) {
            log.close();
            clean &= !log.isOffline();
        }
        try {
            checkpoint();
            if (clean) {
                Files.write(dataDir.resolve(CLEAN_SHUTDOWN_FILE), new byte[0]);
                OffsetCheckpointFile.fsyncDirectory(dataDir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("[LogManager {}] could not record a clean shutdown", dataDir, e);
        } finally {
            shutdownThreads();
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("[LogManager {}] could not release {}", dataDir, LOCK_FILE, e);
            }
            closeQuietly(lockChannel);
        }
        LOG.info("[LogManager {}] closed", dataDir);
    }

    private void shutdownThreads() {
        cleaner.close();
        scheduler.shutdownNow();
        flushers.shutdown();
        try {
            if (!flushers.awaitTermination(10, TimeUnit.SECONDS)) {
                flushers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flushers.shutdownNow();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("log manager of " + dataDir + " is closed");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do with a lock file we could not close.
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
