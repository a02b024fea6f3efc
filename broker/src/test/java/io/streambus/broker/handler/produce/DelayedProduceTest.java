package io.streambus.broker.handler.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** acks=all waiting in the broker's real produce purgatory: completed by a HW advance, or timed out. */
class DelayedProduceTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static ReplicaManager replicas;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
        TestTopics.create(broker, "acks", 1);
        replicas = broker.broker().services().replicas();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void completesWhenTheHighWatermarkPassesTheRequiredOffset() throws Exception {
        Partition partition = TestTopics.partition(broker, "acks", 0);
        PartitionProduceResponse part = new PartitionProduceResponse().setBaseOffset(partition.highWatermark());
        CompletableFuture<ProduceResponseData> result = park(partition, partition.highWatermark() + 2, part, 60_000);
        assertThat(result).isNotDone();

        append(partition, "one");
        assertThat(result).as("one record is not enough").isNotDone();
        append(partition, "two");
        assertThat(result.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(Errors.forCode(part.errorCode())).isEqualTo(Errors.NONE);
    }

    @Test
    void timesOutWhenTheHighWatermarkFallsShort() throws Exception {
        Partition partition = TestTopics.partition(broker, "acks", 0);
        PartitionProduceResponse part = new PartitionProduceResponse();
        CompletableFuture<ProduceResponseData> result = park(partition, partition.highWatermark() + 1_000, part, 100);
        result.get(10, TimeUnit.SECONDS);
        assertThat(Errors.forCode(part.errorCode())).isEqualTo(Errors.REQUEST_TIMED_OUT);
        assertThat(part.baseOffset()).isEqualTo(-1);
    }

    private static CompletableFuture<ProduceResponseData> park(Partition partition, long requiredOffset,
                                                               PartitionProduceResponse part, long timeoutMs) {
        CompletableFuture<ProduceResponseData> result = new CompletableFuture<>();
        long deadlineNs = broker.broker().services().time().nanoseconds() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        DelayedProduce delayed = new DelayedProduce(deadlineNs,
                List.of(new DelayedProduce.Waiting(partition, requiredOffset, part)), replicas,
                new ProduceResponseData(), result);
        replicas.producePurgatory().tryCompleteElseWatch(delayed, delayed.keys());
        return result;
    }

    private static void append(Partition partition, String value) throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(value.getBytes(StandardCharsets.UTF_8)));
        long end = replicas.append(partition, records.buffer()).get(10, TimeUnit.SECONDS).lastOffset() + 1;
        await().until(() -> partition.highWatermark() >= end);
    }
}
