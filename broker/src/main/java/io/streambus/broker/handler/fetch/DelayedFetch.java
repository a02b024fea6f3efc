package io.streambus.broker.handler.fetch;

import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchResponseData;

/**
 * A fetch long-poll: waits until its partitions hold at least {@code minBytes} visible bytes past the
 * fetch offsets, or one of them fails (deleted, offset out of range), or the wait runs out; then answers
 * with whatever is there. Re-checked when a watched partition's high watermark advances.
 *
 * <p>Threading: checked on the thread that advanced a high watermark, expired on the timer thread. Each
 * check reads into a fresh response, so a check racing with the expiry never touches the response sent.
 */
final class DelayedFetch extends DelayedOperation {

    private final FetchPlan plan;
    private final ReplicaManager replicas;
    private final CompletableFuture<FetchResponseData> result;
    private FetchReader.Result ready; // set by tryComplete just before it completes the operation, same thread

    DelayedFetch(long deadlineNs, FetchPlan plan, ReplicaManager replicas, CompletableFuture<FetchResponseData> result) {
        super(deadlineNs);
        this.plan = plan;
        this.replicas = replicas;
        this.result = result;
    }

    /** The partitions to watch: the readable ones. */
    List<TopicPartition> keys() {
        return plan.topics().stream().flatMap(topic -> topic.partitions().stream())
                .filter(FetchPlan.Target::isReadable)
                .map(target -> target.partition().topicPartition())
                .toList();
    }

    @Override
    protected boolean tryComplete() {
        if (!anythingChanged()) {
            return false;
        }
        FetchReader.Result read = FetchReader.read(plan);
        if (read.bytes() >= plan.minBytes() || read.hasError()) {
            ready = read;
            return forceComplete();
        }
        return false;
    }

    /** Cheap pre-check before a read: new data below a watermark, or a partition gone. */
    private boolean anythingChanged() {
        for (FetchPlan.Topic topic : plan.topics()) {
            for (FetchPlan.Target target : topic.partitions()) {
                if (!target.isReadable()) {
                    continue;
                }
                if (replicas.partition(target.partition().topicPartition()).orElse(null) != target.partition()) {
                    return true;
                }
                long bound = plan.readCommitted() ? target.partition().lastStableOffset()
                        : target.partition().highWatermark();
                if (bound > target.fetchOffset() || target.partition().log().logStartOffset() > target.fetchOffset()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected void onComplete() {
        FetchReader.Result read = ready != null ? ready : FetchReader.read(plan);
        result.complete(read.response());
    }

    @Override
    protected void onExpiration() {
        // onComplete has answered with what was there at the deadline.
    }
}
