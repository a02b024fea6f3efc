package io.streambus.broker.handler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;

/** Builders for the raw data-path requests the handler tests send, and readers for their responses. */
final class DataRequests {

    static final short PRODUCE_LATEST = ApiKeys.PRODUCE.latestVersion();
    static final short FETCH_LATEST = ApiKeys.FETCH.latestVersion();

    private DataRequests() {
    }

    static MemoryRecords batch(Compression compression, SimpleRecord... records) {
        return MemoryRecords.withRecords(compression, records);
    }

    static MemoryRecords values(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    /** A produce of one batch to one partition, by name (v12 and below) or id (v13+). */
    static ProduceRequestData produce(String topic, Uuid topicId, int partition, short acks, MemoryRecords records) {
        ProduceRequestData.TopicProduceData data = new ProduceRequestData.TopicProduceData()
                .setName(topic).setTopicId(topicId)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition).setRecords(records)));
        ProduceRequestData request = new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000);
        request.topicData().add(data);
        return request;
    }

    static ProduceRequestData produce(String topic, int partition, short acks, MemoryRecords records) {
        return produce(topic, Uuid.ZERO_UUID, partition, acks, records);
    }

    static FetchRequestData fetch(int maxWaitMs, int minBytes, int maxBytes, FetchRequestData.FetchTopic... topics) {
        return new FetchRequestData().setReplicaId(-1).setMaxWaitMs(maxWaitMs).setMinBytes(minBytes)
                .setMaxBytes(maxBytes).setIsolationLevel(IsolationLevel.READ_UNCOMMITTED.id())
                .setSessionId(0).setSessionEpoch(-1).setTopics(List.of(topics));
    }

    static FetchRequestData.FetchTopic fetchTopic(String topic, Uuid topicId, FetchRequestData.FetchPartition... partitions) {
        return new FetchRequestData.FetchTopic().setTopic(topic).setTopicId(topicId).setPartitions(List.of(partitions));
    }

    static FetchRequestData.FetchPartition fetchPartition(int partition, long offset, int maxBytes) {
        return new FetchRequestData.FetchPartition().setPartition(partition).setFetchOffset(offset)
                .setPartitionMaxBytes(maxBytes).setCurrentLeaderEpoch(-1).setLastFetchedEpoch(-1).setLogStartOffset(-1);
    }

    static ListOffsetsRequestData listOffsets(String topic, int partition, long timestamp) {
        return new ListOffsetsRequestData().setReplicaId(-1).setIsolationLevel(IsolationLevel.READ_UNCOMMITTED.id())
                .setTopics(List.of(new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(partition)
                                .setTimestamp(timestamp).setCurrentLeaderEpoch(-1)))));
    }

    static FetchResponseData.PartitionData onlyPartition(FetchResponseData response) {
        return response.responses().getFirst().partitions().getFirst();
    }

    static List<RecordBatch> batches(FetchResponseData.PartitionData data) {
        List<RecordBatch> result = new ArrayList<>();
        ((MemoryRecords) data.records()).batches().forEach(result::add);
        return result;
    }

    static List<Record> records(FetchResponseData.PartitionData data) {
        List<Record> result = new ArrayList<>();
        ((MemoryRecords) data.records()).records().forEach(result::add);
        return result;
    }

    static String value(Record record) {
        return StandardCharsets.UTF_8.decode(record.value()).toString();
    }
}
