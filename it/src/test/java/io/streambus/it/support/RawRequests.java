package io.streambus.it.support;

import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Single-partition requests for {@link RawKafkaClient}, at versions that still name topics (Produce and
 * Fetch from v13 address topics by id only).
 */
public final class RawRequests {

    private static final int LAST_VERSION_WITH_TOPIC_NAMES = 12;

    private RawRequests() {
    }

    /** Produces {@code records} with {@code acks=all}; returns the partition's response. */
    public static ProduceResponseData.PartitionProduceResponse produce(RawKafkaClient client, String topic,
            int partition, MemoryRecords records) throws IOException {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(topic).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records))));
        ProduceResponseData response = (ProduceResponseData) client.sendUpTo(ApiKeys.PRODUCE,
                LAST_VERSION_WITH_TOPIC_NAMES,
                new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000).setTopicData(topics));
        return response.responses().iterator().next().partitionResponses().getFirst();
    }

    /** Fetches from {@code offset} without waiting; returns the partition's response. */
    public static FetchResponseData.PartitionData fetch(RawKafkaClient client, String topic, int partition,
            long offset) throws IOException {
        FetchRequestData request = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1)
                .setMaxBytes(1 << 20).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchRequestData.FetchTopic().setTopic(topic).setPartitions(List.of(
                        new FetchRequestData.FetchPartition().setPartition(partition).setFetchOffset(offset)
                                .setPartitionMaxBytes(1 << 20)))));
        FetchResponseData response = (FetchResponseData) client.sendUpTo(ApiKeys.FETCH, LAST_VERSION_WITH_TOPIC_NAMES,
                request);
        if (response.errorCode() != 0) {
            return new FetchResponseData.PartitionData().setPartitionIndex(partition)
                    .setErrorCode(response.errorCode());
        }
        return response.responses().getFirst().partitions().getFirst();
    }

    /** The latest offset of a partition (ListOffsets with timestamp -1). */
    public static ListOffsetsResponseData.ListOffsetsPartitionResponse latestOffset(RawKafkaClient client,
            String topic, int partition) throws IOException {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(partition)
                                .setTimestamp(-1)))));
        ListOffsetsResponseData response = (ListOffsetsResponseData) client.sendUpTo(ApiKeys.LIST_OFFSETS, 9, request);
        return response.topics().getFirst().partitions().getFirst();
    }

    /** A new producer id and epoch for an idempotent producer. */
    public static InitProducerIdResponseData initProducerId(RawKafkaClient client) throws IOException {
        return (InitProducerIdResponseData) client.sendUpTo(ApiKeys.INIT_PRODUCER_ID, 5,
                new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)
                        .setProducerId(-1).setProducerEpoch((short) -1));
    }
}
