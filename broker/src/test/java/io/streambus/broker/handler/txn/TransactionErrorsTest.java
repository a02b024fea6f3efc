package io.streambus.broker.handler.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's error codes for invalid transaction requests, sent raw at exact versions. */
class TransactionErrorsTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir, TxnClients.BROKER_CONFIGS);
        TestTopics.create(broker, "t", 2);
        client = new ApiClient(broker.bootstrap());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            FindCoordinatorResponseData found = client.request(ApiKeys.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequestData().setKeyType((byte) 1).setCoordinatorKeys(List.of("a", "b")));
            return found.coordinators().stream().allMatch(c -> c.errorCode() == Errors.NONE.code());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        broker.close();
    }

    private static InitProducerIdResponseData init(String id, int timeoutMs) throws Exception {
        return client.request(ApiKeys.INIT_PRODUCER_ID, 5, new InitProducerIdRequestData().setTransactionalId(id)
                .setTransactionTimeoutMs(timeoutMs).setProducerId(-1).setProducerEpoch((short) -1));
    }

    private static Errors endTxn(int version, String id, long producerId, short epoch, boolean commit) throws Exception {
        EndTxnResponseData response = client.request(ApiKeys.END_TXN, version, new EndTxnRequestData()
                .setTransactionalId(id).setProducerId(producerId).setProducerEpoch(epoch).setCommitted(commit));
        return Errors.forCode(response.errorCode());
    }

    private static Errors addPartition(String id, long producerId, short epoch, String topic, int partition)
            throws Exception {
        AddPartitionsToTxnResponseData response = client.request(ApiKeys.ADD_PARTITIONS_TO_TXN, 3,
                new AddPartitionsToTxnRequestData().setV3AndBelowTransactionalId(id).setV3AndBelowProducerId(producerId)
                        .setV3AndBelowProducerEpoch(epoch).setV3AndBelowTopics(
                                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection(List.of(
                                        new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName(topic)
                                                .setPartitions(List.of(partition))).iterator())));
        return Errors.forCode(response.resultsByTopicV3AndBelow().iterator().next().resultsByPartition().iterator()
                .next().partitionErrorCode());
    }

    @Test
    void apiVersionsFinalizesTransactionVersionOne() throws Exception {
        ApiVersionsResponseData versions = client.request(ApiKeys.API_VERSIONS, 4, new ApiVersionsRequestData()
                .setClientSoftwareName("test").setClientSoftwareVersion("1"));
        assertThat(versions.finalizedFeatures().find("transaction.version").maxVersionLevel()).isEqualTo((short) 1);
        assertThat(versions.supportedFeatures().find("transaction.version").maxVersion()).isEqualTo((short) 1);
        assertThat(versions.apiKeys().find(ApiKeys.END_TXN.id).maxVersion()).isEqualTo((short) 4);
    }

    @Test
    void apiVersionsBelowV4LeavesOutFeaturesWithMinimumZero() throws Exception {
        // kafka-clients before 3.9 refuse a supported range starting at 0 (KAFKA-17011); Kafka omits those below v4.
        ApiVersionsResponseData versions = client.request(ApiKeys.API_VERSIONS, 3, new ApiVersionsRequestData()
                .setClientSoftwareName("test").setClientSoftwareVersion("1"));
        assertThat(versions.supportedFeatures()).isEmpty();
        assertThat(versions.finalizedFeatures().find("transaction.version").maxVersionLevel()).isEqualTo((short) 1);
        assertThat(versions.apiKeys().find(ApiKeys.END_TXN.id).maxVersion()).isEqualTo((short) 4);
    }

    @Test
    void initProducerIdBumpsTheEpochAndValidatesTheTimeout() throws Exception {
        assertThat(Errors.forCode(init("init", 0).errorCode())).isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT);
        assertThat(Errors.forCode(init("init", 900_001).errorCode())).isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT);
        InitProducerIdResponseData first = init("init", 60_000);
        assertThat(Errors.forCode(first.errorCode())).isEqualTo(Errors.NONE);
        assertThat(first.producerEpoch()).isZero();
        InitProducerIdResponseData second = init("init", 60_000);
        assertThat(second.producerId()).isEqualTo(first.producerId());
        assertThat(second.producerEpoch()).isEqualTo((short) 1);
        InitProducerIdResponseData empty = client.request(ApiKeys.INIT_PRODUCER_ID, 5, new InitProducerIdRequestData()
                .setTransactionalId("").setTransactionTimeoutMs(1000).setProducerId(-1).setProducerEpoch((short) -1));
        assertThat(Errors.forCode(empty.errorCode())).isEqualTo(Errors.INVALID_REQUEST);
    }

    @Test
    void endTxnErrors() throws Exception {
        assertThat(endTxn(4, "never-initialised", 1, (short) 0, true)).isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        InitProducerIdResponseData producer = init("end", 60_000);
        long id = producer.producerId();
        short epoch = producer.producerEpoch();
        assertThat(endTxn(4, "end", id, epoch, true)).as("no transaction").isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(endTxn(4, "end", id + 1, epoch, true)).isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        assertThat(addPartition("end", id, epoch, "t", 0)).isEqualTo(Errors.NONE);
        assertThat(endTxn(4, "end", id, (short) (epoch + 1), true)).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(endTxn(1, "end", id, (short) (epoch + 1), true)).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(endTxn(4, "end", id, epoch, false)).isEqualTo(Errors.NONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> endTxn(4, "end", id, epoch, false) == Errors.NONE
                && "CompleteAbort".equals(describe("end").transactionState()));
        assertThat(endTxn(4, "end", id, epoch, true)).as("commit after abort").isEqualTo(Errors.INVALID_TXN_STATE);
        // A newer producer fences this one.
        InitProducerIdResponseData newer = init("end", 60_000);
        assertThat(newer.producerEpoch()).isEqualTo((short) (epoch + 1));
        assertThat(addPartition("end", id, epoch, "t", 1)).isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void addPartitionsAndOffsetsErrors() throws Exception {
        assertThat(addPartition("unknown-id", 5, (short) 0, "t", 0)).isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        InitProducerIdResponseData producer = init("add", 60_000);
        assertThat(addPartition("add", producer.producerId(), producer.producerEpoch(), "no-such-topic", 0))
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        AddOffsetsToTxnResponseData offsets = client.request(ApiKeys.ADD_OFFSETS_TO_TXN, 3,
                new AddOffsetsToTxnRequestData().setTransactionalId("add").setProducerId(producer.producerId())
                        .setProducerEpoch((short) (producer.producerEpoch() + 3)).setGroupId("g"));
        assertThat(Errors.forCode(offsets.errorCode())).isEqualTo(Errors.PRODUCER_FENCED);
        // TxnOffsetCommit before AddOffsetsToTxn: not verified.
        TxnOffsetCommitResponseData commit = client.request(ApiKeys.TXN_OFFSET_COMMIT, 3,
                new TxnOffsetCommitRequestData().setTransactionalId("add").setGroupId("g")
                        .setProducerId(producer.producerId()).setProducerEpoch(producer.producerEpoch())
                        .setGenerationId(-1).setMemberId("").setTopics(List.of(
                                new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic().setName("t").setPartitions(
                                        List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                                                .setPartitionIndex(0).setCommittedOffset(5))))));
        assertThat(Errors.forCode(commit.topics().getFirst().partitions().getFirst().errorCode()))
                .isEqualTo(Errors.INVALID_TXN_STATE);
    }

    @Test
    void transactionalProduceIsVerifiedWithTheCoordinator() throws Exception {
        InitProducerIdResponseData producer = init("verify", 60_000);
        MemoryRecords records = MemoryRecords.withTransactionalRecords(Compression.NONE, producer.producerId(),
                producer.producerEpoch(), 0, new SimpleRecord("v".getBytes()));
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000)
                .setTransactionalId("verify");
        produce.topicData().add(new ProduceRequestData.TopicProduceData().setName("t").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(1).setRecords(records))));
        ProduceResponseData refused = client.request(ApiKeys.PRODUCE, 11, produce);
        assertThat(Errors.forCode(refused.responses().iterator().next().partitionResponses().getFirst().errorCode()))
                .as("partition not added to the transaction").isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(addPartition("verify", producer.producerId(), producer.producerEpoch(), "t", 1))
                .isEqualTo(Errors.NONE);
        records.buffer().rewind();
        ProduceResponseData accepted = client.request(ApiKeys.PRODUCE, 11, produce);
        assertThat(Errors.forCode(accepted.responses().iterator().next().partitionResponses().getFirst().errorCode()))
                .isEqualTo(Errors.NONE);
        DescribeTransactionsResponseData.TransactionState state = describe("verify");
        assertThat(state.transactionState()).isEqualTo("Ongoing");
        assertThat(state.topics().iterator().next().partitions()).containsExactly(1);
        assertThat(endTxn(4, "verify", producer.producerId(), producer.producerEpoch(), true)).isEqualTo(Errors.NONE);
    }

    @Test
    void transactionalOffsetsAreUnstableUntilCommittedAndDroppedOnAbort() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.<FindCoordinatorResponseData>request(
                ApiKeys.FIND_COORDINATOR, 4, new FindCoordinatorRequestData().setKeyType((byte) 0)
                        .setCoordinatorKeys(List.of("txn-group"))).coordinators().getFirst().errorCode()
                == Errors.NONE.code());
        InitProducerIdResponseData producer = init("offsets", 60_000);
        long id = producer.producerId();
        short epoch = producer.producerEpoch();
        for (boolean commit : new boolean[] {false, true}) {
            AddOffsetsToTxnResponseData added = client.request(ApiKeys.ADD_OFFSETS_TO_TXN, 3,
                    new AddOffsetsToTxnRequestData().setTransactionalId("offsets").setProducerId(id)
                            .setProducerEpoch(epoch).setGroupId("txn-group"));
            assertThat(Errors.forCode(added.errorCode())).isEqualTo(Errors.NONE);
            long offset = commit ? 42 : 17;
            TxnOffsetCommitResponseData committed = client.request(ApiKeys.TXN_OFFSET_COMMIT, 3,
                    new TxnOffsetCommitRequestData().setTransactionalId("offsets").setGroupId("txn-group")
                            .setProducerId(id).setProducerEpoch(epoch).setGenerationId(-1).setMemberId("")
                            .setTopics(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic().setName("t")
                                    .setPartitions(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                                            .setPartitionIndex(0).setCommittedOffset(offset))))));
            assertThat(Errors.forCode(committed.topics().getFirst().partitions().getFirst().errorCode()))
                    .isEqualTo(Errors.NONE);
            assertThat(fetchOffset(true).errorCode()).isEqualTo(Errors.UNSTABLE_OFFSET_COMMIT.code());
            assertThat(fetchOffset(false).committedOffset()).as("not visible before the commit").isEqualTo(-1);
            assertThat(endTxn(4, "offsets", id, epoch, commit)).isEqualTo(Errors.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> fetchOffset(true).errorCode() == Errors.NONE.code());
            assertThat(fetchOffset(true).committedOffset()).isEqualTo(commit ? 42 : -1);
        }
    }

    private static OffsetFetchResponseData.OffsetFetchResponsePartitions fetchOffset(boolean requireStable)
            throws Exception {
        OffsetFetchResponseData response = client.request(ApiKeys.OFFSET_FETCH, 8, new OffsetFetchRequestData()
                .setRequireStable(requireStable).setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup()
                        .setGroupId("txn-group").setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics()
                                .setName("t").setPartitionIndexes(List.of(0)))))));
        return response.groups().getFirst().topics().getFirst().partitions().getFirst();
    }

    @Test
    void describeAndListTransactions() throws Exception {
        assertThat(Errors.forCode(describe("no-such-id").errorCode())).isEqualTo(Errors.TRANSACTIONAL_ID_NOT_FOUND);
        InitProducerIdResponseData producer = init("listed", 60_000);
        assertThat(addPartition("listed", producer.producerId(), producer.producerEpoch(), "t", 0))
                .isEqualTo(Errors.NONE);
        ListTransactionsResponseData ongoing = client.request(ApiKeys.LIST_TRANSACTIONS, 1,
                new ListTransactionsRequestData().setStateFilters(List.of("Ongoing", "Bogus"))
                        .setProducerIdFilters(List.of(producer.producerId())).setDurationFilter(-1));
        assertThat(ongoing.unknownStateFilters()).containsExactly("Bogus");
        assertThat(ongoing.transactionStates()).extracting(ListTransactionsResponseData.TransactionState::transactionalId)
                .containsExactly("listed");
        ListTransactionsResponseData byPattern = client.request(ApiKeys.LIST_TRANSACTIONS, 2,
                new ListTransactionsRequestData().setTransactionalIdPattern("lis.*").setDurationFilter(-1));
        assertThat(byPattern.transactionStates()).extracting(ListTransactionsResponseData.TransactionState::transactionalId)
                .containsExactly("listed");
    }

    static DescribeTransactionsResponseData.TransactionState describe(String id) throws Exception {
        DescribeTransactionsResponseData response = client.request(ApiKeys.DESCRIBE_TRANSACTIONS, 0,
                new DescribeTransactionsRequestData().setTransactionalIds(List.of(id)));
        return response.transactionStates().getFirst();
    }
}
