package io.streambus.broker.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupRecordSerdeTest {

    private static GroupRecord roundTrip(GroupRecord record) {
        return GroupRecordSerde.read(GroupRecordSerde.key(record), GroupRecordSerde.value(record));
    }

    @Test
    void offsetCommitsAndTombstonesRoundTrip() {
        GroupRecord commit = new GroupRecord.OffsetCommit("g", new TopicPartition("t", 3),
                new OffsetAndMetadata(42, 7, "meta", 1_000));
        assertThat(roundTrip(commit)).isEqualTo(commit);
        GroupRecord tombstone = new GroupRecord.OffsetCommit("g", new TopicPartition("t", 3), null);
        assertThat(GroupRecordSerde.value(tombstone)).isNull();
        assertThat(roundTrip(tombstone)).isEqualTo(tombstone);
    }

    @Test
    void groupMetadataRoundTripsWithNullsAndBytes() {
        GroupRecord.GroupMetadataValue value = new GroupRecord.GroupMetadataValue("consumer", 5, "range", "m1", 99,
                List.of(new GroupRecord.MemberValue("m1", null, "client", "/127.0.0.1", 300, 100, new byte[] {1, 2},
                        new byte[] {3}), new GroupRecord.MemberValue("m2", "static-2", "c2", "h", 1, 2, new byte[0],
                        new byte[0])));
        GroupRecord.GroupMetadata read = (GroupRecord.GroupMetadata) roundTrip(new GroupRecord.GroupMetadata("g", value));
        assertThat(read.groupId()).isEqualTo("g");
        assertThat(read.value().generationId()).isEqualTo(5);
        assertThat(read.value().leaderId()).isEqualTo("m1");
        assertThat(read.value().members()).hasSize(2);
        assertThat(read.value().members().get(0).groupInstanceId()).isNull();
        assertThat(read.value().members().get(0).subscription()).containsExactly(1, 2);
        assertThat(read.value().members().get(1).groupInstanceId()).isEqualTo("static-2");
    }

    @Test
    void theKeyIdentifiesGroupAndPartitionSoCompactionKeepsTheLatest() {
        ByteBuffer a = GroupRecordSerde.key(new GroupRecord.OffsetCommit("g", new TopicPartition("t", 0),
                new OffsetAndMetadata(1, -1, "", 0)));
        ByteBuffer b = GroupRecordSerde.key(new GroupRecord.OffsetCommit("g", new TopicPartition("t", 0), null));
        ByteBuffer other = GroupRecordSerde.key(new GroupRecord.OffsetCommit("g", new TopicPartition("t", 1), null));
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void unknownKeyTypesAreRejectedForLoadingToSkip() {
        ByteBuffer key = ByteBuffer.allocate(5).putShort((short) 9).putShort((short) 1).put((byte) 'g').flip();
        assertThatThrownBy(() -> GroupRecordSerde.read(key, null))
                .isInstanceOf(GroupRecordSerde.UnknownRecordException.class);
    }

    @Test
    void consumerGroupRecordsRoundTrip() {
        GroupRecord group = new GroupRecord.ConsumerGroupMetadata("g",
                new GroupRecord.ConsumerGroupValue(7, 6, "range", Map.of("t", 3, "u", 1)));
        assertThat(roundTrip(group)).isEqualTo(group);
        org.apache.kafka.common.Uuid topic = org.apache.kafka.common.Uuid.randomUuid();
        GroupRecord member = new GroupRecord.ConsumerGroupMember("g", "m-1", new GroupRecord.ConsumerMemberValue(
                "instance", null, "client", "/10.0.0.1", 30_000, List.of("t", "u"), null, "uniform", 6, 5, (byte) 1,
                Map.of(topic, Set.of(0, 2)), Map.of(topic, Set.of(1)), Map.of(topic, Set.of(0, 2))));
        assertThat(roundTrip(member)).isEqualTo(member);
        GroupRecord gone = new GroupRecord.ConsumerGroupMember("g", "m-1", null);
        assertThat(roundTrip(gone)).isEqualTo(gone);
        assertThat(GroupRecordSerde.key(gone)).isEqualTo(GroupRecordSerde.key(member));
    }
}
