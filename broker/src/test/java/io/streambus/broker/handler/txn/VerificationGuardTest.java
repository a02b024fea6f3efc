package io.streambus.broker.handler.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-890 part 1 at the partition: a transactional append that was verified, but overtaken by a marker
 * for its producer before it reached the log, is refused, so it cannot open a transaction nobody will end
 * (the "hanging transaction" Jepsen found).
 */
class VerificationGuardTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Partition partition;
    static ReplicaManager replicas;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, TxnClients.BROKER_CONFIGS);
        TestTopics.create(broker, "guarded", 1);
        partition = TestTopics.partition(broker, "guarded", 0);
        replicas = broker.broker().services().replicas();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static ByteBuffer txnBatch(long producerId, int sequence) {
        return MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, (short) 0, sequence,
                new SimpleRecord("v".getBytes())).buffer();
    }

    private static Errors errorOf(Runnable action) {
        try {
            action.run();
            return Errors.NONE;
        } catch (CompletionException e) {
            return e.getCause() instanceof BrokerException b ? b.error() : Errors.UNKNOWN_SERVER_ERROR;
        }
    }

    @Test
    void aMarkerBetweenVerificationAndAppendWithdrawsTheGuard() {
        Object guard = partition.startVerification(10);
        replicas.appendTxnMarker(partition, 10, (short) 0, 0, false, 0).join();
        assertThat(errorOf(() -> replicas.appendTransactional(partition, txnBatch(10, 0), guard).join()))
                .isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(partition.log().hasOpenTransaction(10)).isFalse();
    }

    @Test
    void aVerifiedAppendOpensTheTransactionAndLaterOnesNeedNoGuard() {
        Object guard = partition.startVerification(11);
        assertThat(partition.startVerification(11)).as("shared by requests in flight").isSameAs(guard);
        replicas.appendTransactional(partition, txnBatch(11, 0), guard).join();
        assertThat(partition.log().hasOpenTransaction(11)).isTrue();
        assertThat(partition.hasVerifiedTransaction(11)).as("later produces skip the coordinator").isTrue();
        replicas.appendTransactional(partition, txnBatch(11, 1), null).join();
        replicas.appendTxnMarker(partition, 11, (short) 0, 0, true, 0).join();
        assertThat(partition.hasVerifiedTransaction(11)).isFalse();
        assertThat(errorOf(() -> replicas.appendTransactional(partition, txnBatch(11, 2), null).join()))
                .as("a new transaction needs a new verification").isEqualTo(Errors.INVALID_TXN_STATE);
    }

    @Test
    void anUnverifiedFirstAppendIsRefused() {
        assertThatThrownBy(() -> replicas.appendTransactional(partition, txnBatch(12, 0), new Object()).join())
                .hasCauseInstanceOf(BrokerException.class);
    }
}
