package io.streambus.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    private static final String CLUSTER_ID = Uuid.randomUuid().toString();

    @TempDir
    Path root;

    @Test
    void firstOpenCreatesTheDirectoryAndItsIdentity() throws IOException {
        Path data = root.resolve("a/b/data");
        try (DataDirectory dir = DataDirectory.open(data, 3, () -> CLUSTER_ID)) {
            assertThat(dir.created()).isTrue();
            assertThat(dir.meta()).isEqualTo(new MetaProperties(1, CLUSTER_ID, 3));
            assertThat(Files.readString(data.resolve("meta.properties")))
                    .contains("version=1\n", "cluster.id=" + CLUSTER_ID + "\n", "node.id=3\n");
            assertThat(data.resolve("meta.properties.tmp")).doesNotExist();
        }
    }

    @Test
    void reopenKeepsTheClusterId() {
        DataDirectory.open(root, 1, () -> CLUSTER_ID).close();
        try (DataDirectory dir = DataDirectory.open(root, 1, () -> {
            throw new AssertionError("a second cluster id must not be made");
        })) {
            assertThat(dir.created()).isFalse();
            assertThat(dir.meta().clusterId()).isEqualTo(CLUSTER_ID);
        }
    }

    @Test
    void nodeIdMismatchIsAClearError() {
        DataDirectory.open(root, 1, () -> CLUSTER_ID).close();
        assertThatThrownBy(() -> DataDirectory.open(root, 2, () -> CLUSTER_ID))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessage("Data directory " + root + " belongs to node.id 1 (cluster " + CLUSTER_ID
                        + ") but node.id is 2 in the configuration; set node.id: 1 or choose another log.dirs");
    }

    @Test
    void aLockedDirectoryIsRefusedAndFreedOnClose() {
        try (DataDirectory first = DataDirectory.open(root, 1, () -> CLUSTER_ID)) {
            assertThatThrownBy(() -> DataDirectory.open(root, 1, () -> CLUSTER_ID))
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("is in use by another StreamBus server");
        }
        DataDirectory.open(root, 1, () -> CLUSTER_ID).close();
    }

    @Test
    void aForeignNonEmptyDirectoryIsNotAdopted() throws IOException {
        Files.writeString(root.resolve("something.log"), "x");
        assertThatThrownBy(() -> DataDirectory.open(root, 1, () -> CLUSTER_ID))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessageContaining("is not empty but has no meta.properties");
    }

    @Test
    void malformedMetaPropertiesNameTheField() throws IOException {
        Path file = root.resolve("meta.properties");
        Files.writeString(file, "version=1\nnode.id=1\n");
        assertThatThrownBy(() -> DataDirectory.open(root, 1, () -> CLUSTER_ID)).hasMessage(file + " has no cluster.id");
        Files.writeString(file, "version=1\ncluster.id=not-a-uuid\nnode.id=1\n");
        assertThatThrownBy(() -> MetaProperties.read(file)).hasMessageContaining("malformed cluster.id 'not-a-uuid'");
        Files.writeString(file, "version=2\ncluster.id=" + CLUSTER_ID + "\nnode.id=1\n");
        assertThatThrownBy(() -> MetaProperties.read(file)).hasMessageContaining("has version 2");
        Files.writeString(file, "version=1\ncluster.id=" + CLUSTER_ID + "\nnode.id=x\n");
        assertThatThrownBy(() -> MetaProperties.read(file)).hasMessageContaining("malformed node.id 'x'");
    }

    @Test
    void writeThenReadRoundTrips() {
        MetaProperties meta = new MetaProperties(1, CLUSTER_ID, 42);
        meta.write(root);
        assertThat(MetaProperties.read(root.resolve(MetaProperties.FILE_NAME))).isEqualTo(meta);
    }
}
