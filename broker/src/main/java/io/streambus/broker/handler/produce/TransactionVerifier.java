package io.streambus.broker.handler.produce;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * KIP-890 part 1, the server-side defence: before a transactional producer's batch is written, its
 * transaction coordinator confirms that the producer's transaction is ongoing with this partition in it.
 * Completes with NONE or the coordinator's error; any thread.
 */
@FunctionalInterface
public interface TransactionVerifier {

    CompletableFuture<Errors> verify(String transactionalId, long producerId, short producerEpoch,
                                     TopicPartition partition);
}
