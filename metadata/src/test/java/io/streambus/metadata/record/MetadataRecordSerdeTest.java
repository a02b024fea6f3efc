package io.streambus.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.metadata.testing.Records;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataRecordSerdeTest {

    @Test
    void everyRecordTypeRoundTrips() {
        List<MetadataRecord> records = Records.oneOfEach();
        assertThat(records.stream().map(MetadataRecord::type).distinct())
                .containsExactlyInAnyOrder(MetadataRecordType.values());
        for (MetadataRecord record : records) {
            ByteBuffer buf = MetadataRecordSerde.serialize(record);
            assertThat(buf.remaining()).isEqualTo(MetadataRecordSerde.sizeInBytes(record));
            assertThat(MetadataRecordSerde.read(buf)).isEqualTo(record);
            assertThat(buf.hasRemaining()).isFalse();
        }
    }

    @Test
    void roundTripsFromADirectBuffer() {
        MetadataRecord record = Records.oneOfEach().getFirst();
        ByteBuffer direct = ByteBuffer.allocateDirect(MetadataRecordSerde.sizeInBytes(record));
        MetadataRecordSerde.write(record, direct);
        assertThat(MetadataRecordSerde.read(direct.flip())).isEqualTo(record);
    }

    @Test
    void headerIsTypeIdThenVersion() {
        ByteBuffer buf = MetadataRecordSerde.serialize(new ProducerIdsRecord(1, 2000));
        assertThat(buf.getShort(0)).isEqualTo((short) 7);
        assertThat(buf.getShort(2)).isEqualTo((short) 0);
    }

    @Test
    void rejectsUnknownTypeAndFutureVersion() {
        ByteBuffer unknown = ByteBuffer.allocate(4).putShort((short) 99).putShort((short) 0).flip();
        assertThatThrownBy(() -> MetadataRecordSerde.read(unknown))
                .isInstanceOf(MetadataSerdeException.class).hasMessageContaining("99");
        ByteBuffer future = MetadataRecordSerde.serialize(new ProducerIdsRecord(1, 2000));
        future.putShort(2, (short) 1);
        assertThatThrownBy(() -> MetadataRecordSerde.read(future))
                .isInstanceOf(MetadataSerdeException.class).hasMessageContaining("version 1");
    }

    @Test
    void version0RegistrationsReadAsLiveBrokersWithEpochZero() {
        // What a single-node data directory written before fencing holds: it must still start and serve.
        ByteBuffer v1 = MetadataRecordSerde.serialize(new RegisterBrokerRecord(1, new org.apache.kafka.common.Uuid(1, 2),
                List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1", 9092)), "r"));
        ByteBuffer v0 = ByteBuffer.allocate(v1.remaining() - 10);
        v0.put(v1.slice(0, v0.capacity())).flip();
        v0.putShort(2, (short) 0);
        assertThat(MetadataRecordSerde.read(v0)).isEqualTo(new RegisterBrokerRecord(1,
                new org.apache.kafka.common.Uuid(1, 2), 0L, List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1", 9092)),
                "r", false, false));
    }

    @Test
    void rejectsTruncatedRecords() {
        for (MetadataRecord record : Records.oneOfEach()) {
            ByteBuffer buf = MetadataRecordSerde.serialize(record);
            ByteBuffer cut = buf.slice(0, buf.remaining() - 1);
            assertThatThrownBy(() -> MetadataRecordSerde.read(cut)).isInstanceOf(MetadataSerdeException.class);
        }
    }
}
