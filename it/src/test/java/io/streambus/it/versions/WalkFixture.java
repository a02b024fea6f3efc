package io.streambus.it.versions;

import static org.awaitility.Awaitility.await;

import io.streambus.it.support.RawKafkaClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;

/**
 * What the well-formed requests of the version walk refer to: a topic with records, groups with committed
 * offsets, and helpers that put a group member or a transaction in the state a request needs (a Heartbeat
 * needs a member, an EndTxn an ongoing transaction). The helpers use fixed request versions; only the request
 * under test is sent at the version being walked.
 */
final class WalkFixture {

    static final String TOPIC = "walk";
    static final String ALTERED_TOPIC = "walk-alter";
    static final String GROWN_TOPIC = "walk-grow";
    static final String OFFSETS_GROUP = "walk-offsets";
    static final int SESSION_TIMEOUT_MS = 30_000;
    private static final Set<Errors> RETRIABLE = EnumSet.of(Errors.COORDINATOR_NOT_AVAILABLE,
            Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.NOT_COORDINATOR, Errors.CONCURRENT_TRANSACTIONS);

    record Member(String groupId, String memberId, int generationId) {
    }

    record Transaction(String transactionalId, long producerId, short producerEpoch) {
    }

    private final Admin admin;
    private final RawKafkaClient client;
    private final Uuid topicId;
    private final int brokerId;
    private final AtomicInteger grownPartitions = new AtomicInteger(1);

    WalkFixture(Admin admin, RawKafkaClient client) throws Exception {
        this.admin = admin;
        this.client = client;
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(ALTERED_TOPIC, 1, (short) 1),
                new NewTopic(GROWN_TOPIC, 1, (short) 1))).all().get();
        topicId = admin.describeTopics(List.of(TOPIC)).topicNameValues().get(TOPIC).get().topicId();
        brokerId = admin.describeCluster().nodes().get().iterator().next().id();
        commitOffsets(OFFSETS_GROUP);
    }

    Uuid topicId() {
        return topicId;
    }

    int brokerId() {
        return brokerId;
    }

    /** The partition count CreatePartitions asks for next: one more than the last request made it. */
    int nextGrownPartitionCount() {
        return grownPartitions.incrementAndGet();
    }

    void createTopic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }

    /** Gives {@code groupId} a committed offset and no members: an Empty classic group, as Kafka has it. */
    void commitOffsets(String groupId) throws Exception {
        admin.alterConsumerGroupOffsets(groupId, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0)))
                .all().get();
    }

    /** A member that has joined a new classic group (JoinGroup v3, which needs no second round for a member id). */
    Member join(String groupId) throws IOException {
        JoinGroupResponseData joined = (JoinGroupResponseData) client.send(ApiKeys.JOIN_GROUP, (short) 3,
                joinRequest(groupId, ""));
        expectNone(ApiKeys.JOIN_GROUP, joined.errorCode());
        return new Member(groupId, joined.memberId(), joined.generationId());
    }

    /** A member that has joined and received its (empty) assignment: a Stable group. */
    Member joinAndSync(String groupId) throws IOException {
        Member member = join(groupId);
        SyncGroupResponseData synced = (SyncGroupResponseData) client.send(ApiKeys.SYNC_GROUP, (short) 3,
                syncRequest(member));
        expectNone(ApiKeys.SYNC_GROUP, synced.errorCode());
        return member;
    }

    JoinGroupRequestData joinRequest(String groupId, String memberId) {
        ByteBuffer subscription = ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of(TOPIC)));
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                .setMetadata(Utils.toArray(subscription)));
        return new JoinGroupRequestData().setGroupId(groupId).setMemberId(memberId)
                .setSessionTimeoutMs(SESSION_TIMEOUT_MS).setRebalanceTimeoutMs(SESSION_TIMEOUT_MS)
                .setProtocolType("consumer").setProtocols(protocols);
    }

    SyncGroupRequestData syncRequest(Member member) {
        byte[] assignment = Utils.toArray(ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(List.of(new TopicPartition(TOPIC, 0)))));
        return new SyncGroupRequestData().setGroupId(member.groupId()).setMemberId(member.memberId())
                .setGenerationId(member.generationId()).setAssignments(List.of(
                        new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(member.memberId())
                                .setAssignment(assignment)));
    }

    /** A producer id and epoch for a non-transactional, idempotent producer. */
    Transaction idempotentProducer() throws IOException {
        return initProducerId(null);
    }

    /** A transactional producer with no transaction open yet. */
    Transaction transactional(String transactionalId) throws IOException {
        return initProducerId(transactionalId);
    }

    /** A transactional producer whose transaction has partition 0 of the walk topic in it. */
    Transaction ongoingTransaction(String transactionalId) throws IOException {
        Transaction transaction = transactional(transactionalId);
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName(TOPIC)
                .setPartitions(List.of(0)));
        AddPartitionsToTxnResponseData added = (AddPartitionsToTxnResponseData) client.send(
                ApiKeys.ADD_PARTITIONS_TO_TXN, (short) 3, new AddPartitionsToTxnRequestData()
                        .setV3AndBelowTransactionalId(transactionalId)
                        .setV3AndBelowProducerId(transaction.producerId())
                        .setV3AndBelowProducerEpoch(transaction.producerEpoch()).setV3AndBelowTopics(topics));
        added.resultsByTopicV3AndBelow().forEach(topic -> topic.resultsByPartition()
                .forEach(partition -> expectNone(ApiKeys.ADD_PARTITIONS_TO_TXN, partition.partitionErrorCode())));
        return transaction;
    }

    /** A transactional producer whose transaction includes the offsets of {@code groupId}. */
    Transaction transactionWithOffsets(String transactionalId, String groupId) throws IOException {
        Transaction transaction = transactional(transactionalId);
        ApiMessage response = client.send(ApiKeys.ADD_OFFSETS_TO_TXN, (short) 3, new AddOffsetsToTxnRequestData()
                .setTransactionalId(transactionalId).setProducerId(transaction.producerId())
                .setProducerEpoch(transaction.producerEpoch()).setGroupId(groupId));
        expectNone(ApiKeys.ADD_OFFSETS_TO_TXN,
                ((AddOffsetsToTxnResponseData) response).errorCode());
        return transaction;
    }

    private Transaction initProducerId(String transactionalId) throws IOException {
        InitProducerIdRequestData request = new InitProducerIdRequestData().setTransactionalId(transactionalId)
                .setTransactionTimeoutMs(60_000);
        // The transaction coordinator loads its log on first use; clients retry these, and so does the walk.
        InitProducerIdResponseData response = await("the transaction coordinator to load")
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> (InitProducerIdResponseData) client.send(ApiKeys.INIT_PRODUCER_ID, (short) 4, request),
                        answer -> !RETRIABLE.contains(Errors.forCode(answer.errorCode())));
        expectNone(ApiKeys.INIT_PRODUCER_ID, response.errorCode());
        return new Transaction(transactionalId, response.producerId(), response.producerEpoch());
    }

    private static void expectNone(ApiKeys api, short errorCode) {
        if (errorCode != Errors.NONE.code()) {
            throw new IllegalStateException("walk set-up: " + api + " failed with " + Errors.forCode(errorCode));
        }
    }
}
