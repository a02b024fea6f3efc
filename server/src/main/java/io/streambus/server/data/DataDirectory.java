package io.streambus.server.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's data directory, held for the life of the process: created if missing, locked
 * ({@code <data>/.lock}, an OS file lock, so two servers never share it), and identified by
 * {@link MetaProperties}. On first use an empty directory gets a new cluster id; afterwards the
 * node id in the configuration must match the one on disk. A non-empty directory without
 * meta.properties is refused rather than adopted: it is probably not ours.
 *
 * <p>Opened and closed by the server's start-up/shutdown thread; immutable in between.
 */
public final class DataDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final String LOCK_FILE = "meta.properties.lock";

    private final Path path;
    private final MetaProperties meta;
    private final boolean created;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, MetaProperties meta, boolean created, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.meta = meta;
        this.created = created;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates (if needed), locks and identifies a data directory.
     *
     * @param newClusterId makes a cluster id for a new directory (Kafka's base64 UUID)
     * @throws DataDirectoryException if the directory is unusable, in use, or belongs to another node
     */
    public static DataDirectory open(Path dir, int nodeId, Supplier<String> newClusterId) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot create data directory " + dir + ": " + e, e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, dir);
            Path metaFile = dir.resolve(MetaProperties.FILE_NAME);
            boolean created = !Files.exists(metaFile);
            MetaProperties meta = created ? create(dir, nodeId, newClusterId) : check(metaFile, nodeId);
            if (created) {
                LOG.info("[DataDirectory {}] created for new cluster {}, node {}", dir, meta.clusterId(), meta.nodeId());
            } else {
                LOG.debug("[DataDirectory {}] opened: cluster {}, node {}", dir, meta.clusterId(), meta.nodeId());
            }
            return new DataDirectory(dir, meta, created, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataDirectoryException("Cannot lock data directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        }
        if (lock == null) {
            throw new DataDirectoryException("Data directory " + dir + " is in use by another StreamBus server "
                    + "(lock " + dir.resolve(LOCK_FILE) + "); stop it or choose another log.dirs");
        }
        return lock;
    }

    private static MetaProperties create(Path dir, int nodeId, Supplier<String> newClusterId) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            boolean foreign = entries.anyMatch(p -> {
                String name = p.getFileName().toString();
                return !name.equals(LOCK_FILE) && !name.equals(MetaProperties.FILE_NAME + ".tmp");
            });
            if (foreign) {
                throw new DataDirectoryException("Data directory " + dir + " is not empty but has no "
                        + MetaProperties.FILE_NAME + "; refusing to use a directory that may belong to something "
                        + "else (empty it or choose another log.dirs)");
            }
        }
        MetaProperties meta = new MetaProperties(MetaProperties.VERSION, newClusterId.get(), nodeId);
        meta.write(dir);
        return meta;
    }

    private static MetaProperties check(Path metaFile, int nodeId) {
        MetaProperties meta = MetaProperties.read(metaFile);
        if (meta.nodeId() != nodeId) {
            throw new DataDirectoryException("Data directory " + metaFile.getParent() + " belongs to node.id "
                    + meta.nodeId() + " (cluster " + meta.clusterId() + ") but node.id is " + nodeId
                    + " in the configuration; set node.id: " + meta.nodeId() + " or choose another log.dirs");
        }
        return meta;
    }

    public Path path() {
        return path;
    }

    public MetaProperties meta() {
        return meta;
    }

    /** Whether this start created the directory's identity (a new cluster). */
    public boolean created() {
        return created;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("[DataDirectory {}] releasing the lock failed: {}", path, e.toString());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a lock channel failed", e);
        }
    }
}
