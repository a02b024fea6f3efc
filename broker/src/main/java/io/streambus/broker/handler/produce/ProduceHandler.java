package io.streambus.broker.handler.produce;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.CloseConnectionException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import io.streambus.metadata.image.TopicImage;
import io.streambus.storage.AppendResult;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.Time;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce (v3, the first with the v2 batch format, to v13, topic ids). Validates each partition on the
 * event loop, hands the appends to the partitions' writer threads, joins their results without blocking,
 * then answers at once (acks=1), waits in the produce purgatory for the high watermark (acks=all), or
 * sends nothing (acks=0; a failure closes the connection so the client notices, as Kafka does).
 *
 * <p>Batches are stored as sent, whatever their compression; the storage layer validates them. The
 * request's frame stays alive until the returned stage completes, so the appends read it in place.
 *
 * <p>Threading: {@link #handle} on the event loop; the stage completes on an append thread, a thread that
 * advanced a high watermark, or the purgatory's timer thread. Stateless otherwise.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequestData, ProduceResponseData> {

    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);
    private static final short FIRST_TOPIC_ID_VERSION = 13;

    private final PartitionLookup lookup;
    private final Time time;
    private final TransactionVerifier verifier;

    public ProduceHandler(PartitionLookup lookup, Time time, TransactionVerifier verifier) {
        this.lookup = lookup;
        this.time = time;
        this.verifier = verifier;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public short minVersion() {
        return 3;
    }

    /** Kafka's {@code ApiKeys.PRODUCE_API_VERSIONS_RESPONSE_MIN_VERSION}; see {@link ApiHandler#advertisedMinVersion()}. */
    @Override
    public short advertisedMinVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    /**
     * One validated partition, about to be appended. {@code endOffset} is written by the append thread and
     * published to the finishing thread by the countdown in {@link #handle}.
     */
    private static final class PendingAppend {
        final Partition partition;
        final ByteBuffer records;
        final PartitionProduceResponse response;
        long endOffset = -1;

        PendingAppend(Partition partition, ByteBuffer records, PartitionProduceResponse response) {
            this.partition = partition;
            this.records = records;
            this.response = response;
        }
    }

    @Override
    public CompletionStage<ProduceResponseData> handle(RequestContext context, ProduceRequestData request) {
        short acks = request.acks();
        boolean validAcks = acks == 0 || acks == 1 || acks == -1;
        boolean byId = context.apiVersion() >= FIRST_TOPIC_ID_VERSION;
        ProduceResponseData response = new ProduceResponseData();
        List<PendingAppend> pending = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topic : request.topicData()) {
            TopicProduceResponse topicResponse = new TopicProduceResponse();
            if (byId) {
                topicResponse.setTopicId(topic.topicId());
            } else {
                topicResponse.setName(topic.name());
            }
            response.responses().add(topicResponse);
            for (ProduceRequestData.PartitionProduceData data : topic.partitionData()) {
                PartitionProduceResponse partitionResponse = new PartitionProduceResponse().setIndex(data.index())
                        .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
                topicResponse.partitionResponses().add(partitionResponse);
                try {
                    if (!validAcks) {
                        throw new BrokerException(Errors.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1, was " + acks);
                    }
                    String name = byId ? lookup.topicName(topic.topicId()) : topic.name();
                    if (TopicImage.isInternal(name)) {
                        throw new BrokerException(Errors.INVALID_TOPIC_EXCEPTION,
                                "Clients may not write to the internal topic " + name);
                    }
                    Partition partition = lookup.partition(name, data.index());
                    if (!(data.records() instanceof MemoryRecords records)) {
                        throw new BrokerException(Errors.INVALID_RECORD, "Produce without records for " + name);
                    }
                    partition.checkProduce(acks, records.buffer(), time.milliseconds());
                    pending.add(new PendingAppend(partition, records.buffer(), partitionResponse));
                } catch (BrokerException e) {
                    fail(partitionResponse, e);
                }
            }
        }
        CompletableFuture<ProduceResponseData> result = new CompletableFuture<>();
        if (pending.isEmpty()) {
            finish(context, request, response, pending, result);
            return result;
        }
        // The last append to finish answers; the atomic count publishes the others' writes to it.
        AtomicInteger remaining = new AtomicInteger(pending.size());
        for (PendingAppend append : pending) {
            appendOrVerify(request.transactionalId(), append).whenComplete((appended, failure) -> {
                if (failure == null) {
                    append.endOffset = appended.lastOffset() + 1;
                    succeed(append.response, appended);
                } else {
                    fail(append.response, failure);
                }
                if (remaining.decrementAndGet() == 0) {
                    finish(context, request, response, pending, result);
                }
            });
        }
        return result;
    }

    /**
     * Appends; a transactional batch is first verified with its coordinator (KIP-890 part 1), with a guard
     * that a marker written meanwhile withdraws, so it cannot reopen a transaction that just ended.
     */
    private CompletableFuture<AppendResult> appendOrVerify(String transactionalId, PendingAppend append) {
        ByteBuffer records = append.records;
        int start = records.position();
        if (transactionalId == null || records.remaining() < BatchHeader.HEADER_SIZE
                || (records.getShort(start + BatchHeader.ATTRIBUTES) & BatchHeader.TRANSACTIONAL_MASK) == 0) {
            return lookup.replicas().append(append.partition, records);
        }
        long producerId = records.getLong(start + BatchHeader.PRODUCER_ID);
        short epoch = records.getShort(start + BatchHeader.PRODUCER_EPOCH);
        if (append.partition.hasVerifiedTransaction(producerId)) {
            // Verified when the transaction's first batch came; the append still refuses it if a marker came since.
            return lookup.replicas().appendTransactional(append.partition, records, null);
        }
        Object guard = append.partition.startVerification(producerId);
        return verifier.verify(transactionalId, producerId, epoch, append.partition.topicPartition())
                .exceptionally(ErrorMapper::toError)
                .thenCompose(error -> error == Errors.NONE
                        ? lookup.replicas().appendTransactional(append.partition, records, guard)
                        : CompletableFuture.failedFuture(new BrokerException(produceError(error),
                                "transaction verification failed: " + error.message())));
    }

    /** Coordinator errors a producer cannot act on become retriable ones, as Kafka maps them. */
    private static Errors produceError(Errors error) {
        return switch (error) {
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS, CONCURRENT_TRANSACTIONS ->
                    Errors.NOT_ENOUGH_REPLICAS;
            case INVALID_PRODUCER_ID_MAPPING -> Errors.INVALID_TXN_STATE;
            default -> error;
        };
    }

    private void finish(RequestContext context, ProduceRequestData request, ProduceResponseData response,
                        List<PendingAppend> pending, CompletableFuture<ProduceResponseData> result) {
        if (request.acks() == 0) {
            if (hasError(response)) {
                result.completeExceptionally(new CloseConnectionException("acks=0 produce failed: "
                        + firstError(response)));
            } else {
                result.complete(null);
            }
            return;
        }
        List<DelayedProduce.Waiting> waiting = new ArrayList<>();
        if (request.acks() == -1) {
            for (PendingAppend append : pending) {
                if (append.response.errorCode() == Errors.NONE.code()) {
                    waiting.add(new DelayedProduce.Waiting(append.partition, append.endOffset, append.response));
                }
            }
        }
        if (waiting.isEmpty()) {
            result.complete(response);
            return;
        }
        long deadlineNs = context.receiveTimeNs() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, request.timeoutMs()));
        DelayedProduce delayed = new DelayedProduce(Math.max(deadlineNs, time.nanoseconds()), waiting,
                lookup.replicas(), response, result);
        lookup.replicas().producePurgatory().tryCompleteElseWatch(delayed, delayed.keys());
    }

    private static void succeed(PartitionProduceResponse response, AppendResult appended) {
        response.setErrorCode(Errors.NONE.code())
                .setBaseOffset(appended.firstOffset())
                .setLogAppendTimeMs(appended.logAppendTimeMs())
                .setLogStartOffset(appended.logStartOffset());
    }

    private static void fail(PartitionProduceResponse response, Throwable failure) {
        Errors error = ErrorMapper.toError(failure);
        if (!ErrorMapper.isExpected(failure)) {
            log.error("[Produce] unexpected failure", ErrorMapper.unwrap(failure));
        }
        response.setErrorCode(error.code()).setErrorMessage(ErrorMapper.unwrap(failure).getMessage())
                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
    }

    private static boolean hasError(ProduceResponseData response) {
        return firstError(response) != Errors.NONE;
    }

    private static Errors firstError(ProduceResponseData response) {
        for (TopicProduceResponse topic : response.responses()) {
            for (PartitionProduceResponse partition : topic.partitionResponses()) {
                if (partition.errorCode() != Errors.NONE.code()) {
                    return Errors.forCode(partition.errorCode());
                }
            }
        }
        return Errors.NONE;
    }
}
