package io.streambus.metadata.testing;

import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import io.streambus.metadata.record.BrokerRegistrationChangeRecord;
import io.streambus.metadata.record.RegisterBrokerRecord;
import io.streambus.metadata.record.UnregisterBrokerRecord;
import io.streambus.metadata.record.RemoveTopicRecord;
import io.streambus.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/** Sample records for tests. */
public final class Records {

    private Records() {
    }

    public static RegisterBrokerRecord broker(int id) {
        return new RegisterBrokerRecord(id, new Uuid(id, 42), List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1",
                9092 + id)), null);
    }

    public static Uuid topicId(int n) {
        return new Uuid(1000 + n, 7);
    }

    /** A TopicRecord and {@code partitions} PartitionRecords led by broker 1. */
    public static List<MetadataRecord> topic(String name, Uuid id, int partitions) {
        List<MetadataRecord> records = new ArrayList<>();
        records.add(new TopicRecord(name, id));
        for (int p = 0; p < partitions; p++) {
            records.add(new PartitionRecord(id, p, List.of(1), List.of(1), 1, 0, 0));
        }
        return records;
    }

    /** One record of every type. */
    public static List<MetadataRecord> oneOfEach() {
        Uuid id = topicId(1);
        return List.of(
                new RegisterBrokerRecord(3, Uuid.randomUuid(), List.of(new BrokerEndpoint("PLAINTEXT", "höst", 9092),
                        new BrokerEndpoint("SSL", "host", 9093)), "rack-é"),
                new TopicRecord("orders", id),
                new PartitionRecord(id, 2, List.of(1, 2, 3), List.of(1, 3), 1, 5, 9),
                new PartitionChangeRecord(id, 2, 3, List.of(3), null),
                new PartitionChangeRecord(id, 2, PartitionChangeRecord.NO_LEADER_CHANGE, null, List.of(3, 1)),
                new RemoveTopicRecord(id),
                new ConfigRecord(ConfigResourceType.TOPIC, "orders", "retention.ms", "1000"),
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", null),
                new ProducerIdsRecord(1, 2000),
                new RegisterBrokerRecord(4, Uuid.randomUuid(), 17L, List.of(), null, true, false),
                new BrokerRegistrationChangeRecord(4, 17L, false, null),
                new BrokerRegistrationChangeRecord(4, 17L, null, true),
                new UnregisterBrokerRecord(4, 17L));
    }
}
