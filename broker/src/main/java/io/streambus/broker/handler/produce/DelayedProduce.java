package io.streambus.broker.handler.produce;

import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * An acks=all produce waiting until the high watermark of every partition it wrote to has passed the last
 * offset it appended there. On timeout the partitions still short of it get REQUEST_TIMED_OUT (their data
 * is in the log and may still become visible, as in Kafka).
 *
 * <p>Threading: checked on whichever thread advances a watched partition's high watermark, expired on the
 * timer thread; the {@link DelayedOperation} contract makes completion happen once.
 */
final class DelayedProduce extends DelayedOperation {

    /** One partition's part: it is done once {@code partition}'s high watermark reaches {@code requiredOffset}. */
    record Waiting(Partition partition, long requiredOffset, PartitionProduceResponse response) {
        TopicPartition topicPartition() {
            return partition.topicPartition();
        }
    }

    private final List<Waiting> waiting;
    private final ReplicaManager replicas;
    private final ProduceResponseData response;
    private final CompletableFuture<ProduceResponseData> result;

    DelayedProduce(long deadlineNs, List<Waiting> waiting, ReplicaManager replicas, ProduceResponseData response,
                   CompletableFuture<ProduceResponseData> result) {
        super(deadlineNs);
        this.waiting = waiting;
        this.replicas = replicas;
        this.response = response;
        this.result = result;
    }

    List<TopicPartition> keys() {
        return waiting.stream().map(Waiting::topicPartition).toList();
    }

    @Override
    protected boolean tryComplete() {
        for (Waiting part : waiting) {
            if (hosted(part) && part.partition().highWatermark() < part.requiredOffset()) {
                return false;
            }
        }
        return forceComplete();
    }

    @Override
    protected void onComplete() {
        for (Waiting part : waiting) {
            if (!hosted(part)) {
                fail(part.response(), Errors.NOT_LEADER_OR_FOLLOWER);
            } else if (part.partition().highWatermark() < part.requiredOffset()) {
                fail(part.response(), Errors.REQUEST_TIMED_OUT);
            }
        }
        result.complete(response);
    }

    @Override
    protected void onExpiration() {
        // onComplete has already marked the partitions that fell short.
    }

    /** False once the partition was deleted (or re-created) while the produce waited. */
    private boolean hosted(Waiting part) {
        return replicas.partition(part.topicPartition()).orElse(null) == part.partition();
    }

    private static void fail(PartitionProduceResponse response, Errors error) {
        response.setErrorCode(error.code()).setErrorMessage(error.message())
                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
    }
}
