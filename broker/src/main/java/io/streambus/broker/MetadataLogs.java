package io.streambus.broker;

import io.streambus.metadata.log.LocalMetadataLog;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import io.streambus.storage.LogManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Opens the broker's metadata log: the local log for a single node, the Raft log for a voter of a quorum
 * (decision 0010). Each lives in its own directory, and a data directory keeps the kind it was created with:
 * turning a single node's directory into a cluster member's, or back, is refused with what to do instead, so a
 * configuration mistake cannot start a node on an empty metadata log next to its real one.
 */
final class MetadataLogs {

    static final String LOCAL_DIR = LogManager.RESERVED_PREFIX + "-0";
    static final String RAFT_DIR = LogManager.RESERVED_PREFIX + "-raft";

    private MetadataLogs() {
    }

    static MetadataLog open(BrokerConfig config) {
        Path local = config.dataDir().resolve(LOCAL_DIR);
        Path raft = config.dataDir().resolve(RAFT_DIR);
        if (config.quorum().isEmpty()) {
            if (hasContent(raft)) {
                throw new IllegalStateException("Data directory " + config.dataDir() + " belongs to a node of a "
                        + "cluster (its Raft metadata log is in " + raft + "), but this node is configured as a single "
                        + "node: set process.roles, controller.quorum.voters and controller.listener.names as "
                        + "before, or choose another log.dirs");
            }
            return LocalMetadataLog.open(local);
        }
        if (hasContent(local)) {
            throw new IllegalStateException("Data directory " + config.dataDir() + " holds a single node's metadata "
                    + "log (" + local + "); moving a single node into a cluster is not supported yet: start the "
                    + "cluster node with a new log.dirs, or remove process.roles and controller.quorum.voters");
        }
        return RatisMetadataLog.open(config.quorum().get().logConfig(raft));
    }

    private static boolean hasContent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
    }
}
