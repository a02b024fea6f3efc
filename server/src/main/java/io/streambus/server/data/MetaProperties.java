package io.streambus.server.data;

import java.io.IOException;
import java.io.Reader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The identity of a data directory, {@code <data>/meta.properties}, in Kafka's KRaft format so that
 * operators and tools recognise it. A Java properties file (ISO-8859-1 text, {@code key=value} lines,
 * {@code #} comments):
 *
 * <pre>
 * version=1                       format version; only 1 exists
 * cluster.id=MkU3OEVBNTcwNTJENDM2Qg   Kafka's base64 (URL-safe, unpadded, 22 chars) of a random 128-bit UUID
 * node.id=1                       the node that owns the directory
 * </pre>
 *
 * Written once, when a directory is first used, atomically (temporary file, fsync, rename, fsync of
 * the directory), so a crash leaves either no file or a whole one.
 *
 * @param version   format version, {@value #VERSION}
 * @param clusterId the cluster this directory belongs to
 * @param nodeId    the node this directory belongs to
 */
public record MetaProperties(int version, String clusterId, int nodeId) {

    public static final String FILE_NAME = "meta.properties";
    public static final int VERSION = 1;

    /**
     * Reads and checks a meta.properties file.
     *
     * @throws DataDirectoryException if it cannot be read or a field is missing or malformed
     */
    public static MetaProperties read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new DataDirectoryException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        int version = intField(file, props, "version");
        if (version != VERSION) {
            throw new DataDirectoryException(file + " has version " + version + "; this StreamBus reads version "
                    + VERSION);
        }
        String clusterId = field(file, props, "cluster.id");
        try {
            Uuid.fromString(clusterId);
        } catch (IllegalArgumentException e) {
            throw new DataDirectoryException(file + " has a malformed cluster.id '" + clusterId + "'");
        }
        return new MetaProperties(version, clusterId, intField(file, props, "node.id"));
    }

    /**
     * Writes this file atomically into {@code dir}.
     *
     * @throws DataDirectoryException if it cannot be written
     */
    public void write(Path dir) {
        Path target = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 Writer writer = new OutputStreamWriter(Channels.newOutputStream(channel),
                         StandardCharsets.ISO_8859_1)) {
                writer.write("#Identity of this StreamBus data directory. Do not edit.\n");
                writer.write("version=" + version + "\n");
                writer.write("cluster.id=" + clusterId + "\n");
                writer.write("node.id=" + nodeId + "\n");
                writer.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The rename is durable only once the directory entry is.
            try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                dirChannel.force(true);
            }
        } catch (IOException e) {
            throw new DataDirectoryException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String field(Path file, Properties props, String name) {
        String value = props.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new DataDirectoryException(file + " has no " + name);
        }
        return value.trim();
    }

    private static int intField(Path file, Properties props, String name) {
        String value = field(file, props, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DataDirectoryException(file + " has a malformed " + name + " '" + value + "'");
        }
    }
}
