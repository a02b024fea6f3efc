package io.streambus.it.versions;

import static io.streambus.it.versions.WalkFixture.ALTERED_TOPIC;
import static io.streambus.it.versions.WalkFixture.GROWN_TOPIC;
import static io.streambus.it.versions.WalkFixture.OFFSETS_GROUP;
import static io.streambus.it.versions.WalkFixture.TOPIC;

import io.streambus.it.support.RawKafkaClient;
import io.streambus.it.versions.WalkFixture.Member;
import io.streambus.it.versions.WalkFixture.Transaction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ConsumerGroupDescribeRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupResponse;

/**
 * One well-formed request per API, written for any version of it: a field is set only in the versions that
 * have it (kafka-clients refuses to write a non-default value into a version without the field), and the
 * set-up a request needs (a member, an open transaction, a topic to delete) comes from the fixture. Each
 * exchange uses names of its own per version, so versions do not see each other's state.
 */
final class WellFormedRequests {

    @FunctionalInterface
    interface Exchange {
        AbstractResponse run(WalkFixture fixture, RawKafkaClient client, short version) throws Exception;
    }

    private static final int TIMEOUT_MS = 10_000;
    private static final String CLUSTER_METADATA_TOPIC = "__cluster_metadata";

    private WellFormedRequests() {
    }

    static Map<ApiKeys, Exchange> all() {
        Map<ApiKeys, Exchange> exchanges = new EnumMap<>(ApiKeys.class);
        exchanges.put(ApiKeys.PRODUCE, WellFormedRequests::produce);
        exchanges.put(ApiKeys.FETCH, WellFormedRequests::fetch);
        exchanges.put(ApiKeys.LIST_OFFSETS, WellFormedRequests::listOffsets);
        exchanges.put(ApiKeys.METADATA, WellFormedRequests::metadata);
        exchanges.put(ApiKeys.OFFSET_COMMIT, WellFormedRequests::offsetCommit);
        exchanges.put(ApiKeys.OFFSET_FETCH, WellFormedRequests::offsetFetch);
        exchanges.put(ApiKeys.FIND_COORDINATOR, WellFormedRequests::findCoordinator);
        exchanges.put(ApiKeys.JOIN_GROUP, WellFormedRequests::joinGroup);
        exchanges.put(ApiKeys.HEARTBEAT, WellFormedRequests::heartbeat);
        exchanges.put(ApiKeys.LEAVE_GROUP, WellFormedRequests::leaveGroup);
        exchanges.put(ApiKeys.SYNC_GROUP, WellFormedRequests::syncGroup);
        exchanges.put(ApiKeys.DESCRIBE_GROUPS, (fixture, client, version) -> client.exchange(ApiKeys.DESCRIBE_GROUPS,
                version, new DescribeGroupsRequestData().setGroups(List.of(OFFSETS_GROUP))));
        exchanges.put(ApiKeys.LIST_GROUPS, (fixture, client, version) -> client.exchange(ApiKeys.LIST_GROUPS,
                version, new ListGroupsRequestData()));
        exchanges.put(ApiKeys.API_VERSIONS, WellFormedRequests::apiVersions);
        exchanges.put(ApiKeys.CREATE_TOPICS, WellFormedRequests::createTopics);
        exchanges.put(ApiKeys.DELETE_TOPICS, WellFormedRequests::deleteTopics);
        exchanges.put(ApiKeys.DELETE_RECORDS, WellFormedRequests::deleteRecords);
        exchanges.put(ApiKeys.INIT_PRODUCER_ID, (fixture, client, version) -> client.exchange(ApiKeys.INIT_PRODUCER_ID,
                version, new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)));
        exchanges.put(ApiKeys.ADD_PARTITIONS_TO_TXN, WellFormedRequests::addPartitionsToTxn);
        exchanges.put(ApiKeys.ADD_OFFSETS_TO_TXN, WellFormedRequests::addOffsetsToTxn);
        exchanges.put(ApiKeys.END_TXN, WellFormedRequests::endTxn);
        exchanges.put(ApiKeys.WRITE_TXN_MARKERS, WellFormedRequests::writeTxnMarkers);
        exchanges.put(ApiKeys.TXN_OFFSET_COMMIT, WellFormedRequests::txnOffsetCommit);
        exchanges.put(ApiKeys.DESCRIBE_CONFIGS, WellFormedRequests::describeConfigs);
        exchanges.put(ApiKeys.ALTER_CONFIGS, WellFormedRequests::alterConfigs);
        exchanges.put(ApiKeys.DESCRIBE_LOG_DIRS, (fixture, client, version) -> client.exchange(
                ApiKeys.DESCRIBE_LOG_DIRS, version, new DescribeLogDirsRequestData().setTopics(null)));
        exchanges.put(ApiKeys.CREATE_PARTITIONS, WellFormedRequests::createPartitions);
        exchanges.put(ApiKeys.DELETE_GROUPS, WellFormedRequests::deleteGroups);
        exchanges.put(ApiKeys.INCREMENTAL_ALTER_CONFIGS, WellFormedRequests::incrementalAlterConfigs);
        exchanges.put(ApiKeys.OFFSET_DELETE, WellFormedRequests::offsetDelete);
        exchanges.put(ApiKeys.DESCRIBE_QUORUM, WellFormedRequests::describeQuorum);
        exchanges.put(ApiKeys.DESCRIBE_CLUSTER, (fixture, client, version) -> client.exchange(
                ApiKeys.DESCRIBE_CLUSTER, version, new DescribeClusterRequestData()));
        exchanges.put(ApiKeys.DESCRIBE_PRODUCERS, WellFormedRequests::describeProducers);
        exchanges.put(ApiKeys.DESCRIBE_TRANSACTIONS, WellFormedRequests::describeTransactions);
        exchanges.put(ApiKeys.LIST_TRANSACTIONS, (fixture, client, version) -> client.exchange(
                ApiKeys.LIST_TRANSACTIONS, version, new ListTransactionsRequestData()));
        // Every partition: on one node none needs an election, so the answer lists no partition and no error.
        exchanges.put(ApiKeys.ELECT_LEADERS, (fixture, client, version) -> client.exchange(ApiKeys.ELECT_LEADERS,
                version, new ElectLeadersRequestData().setTopicPartitions(null).setTimeoutMs(TIMEOUT_MS)));
        exchanges.put(ApiKeys.LIST_PARTITION_REASSIGNMENTS, (fixture, client, version) -> client.exchange(
                ApiKeys.LIST_PARTITION_REASSIGNMENTS, version, new ListPartitionReassignmentsRequestData()
                        .setTopics(null).setTimeoutMs(TIMEOUT_MS)));
        exchanges.put(ApiKeys.CONSUMER_GROUP_HEARTBEAT, WellFormedRequests::consumerGroupHeartbeat);
        exchanges.put(ApiKeys.CONSUMER_GROUP_DESCRIBE, WellFormedRequests::consumerGroupDescribe);
        exchanges.put(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, (fixture, client, version) -> client.exchange(
                ApiKeys.DESCRIBE_TOPIC_PARTITIONS, version, new DescribeTopicPartitionsRequestData()
                        .setTopics(List.of(new DescribeTopicPartitionsRequestData.TopicRequest().setName(TOPIC)))
                        .setResponsePartitionLimit(100)));
        return exchanges;
    }

    private static boolean topicIds(ApiKeys api, short version) {
        return switch (api) {
            case PRODUCE, FETCH -> version >= 13;
            case OFFSET_COMMIT, OFFSET_FETCH -> version >= 10;
            default -> false;
        };
    }

    private static AbstractResponse produce(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData()
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(MemoryRecords.withRecords(Compression.NONE,
                                new SimpleRecord(("key-v" + version).getBytes(), "value".getBytes())))));
        if (topicIds(ApiKeys.PRODUCE, version)) {
            topic.setTopicId(fixture.topicId());
        } else {
            topic.setName(TOPIC);
        }
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(topic);
        return client.exchange(ApiKeys.PRODUCE, version, new ProduceRequestData().setTransactionalId(null)
                .setAcks((short) -1).setTimeoutMs(TIMEOUT_MS).setTopicData(topics));
    }

    private static AbstractResponse fetch(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic().setPartitions(List.of(
                new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0).setPartitionMaxBytes(1 << 20)));
        if (topicIds(ApiKeys.FETCH, version)) {
            topic.setTopicId(fixture.topicId());
        } else {
            topic.setTopic(TOPIC);
        }
        return client.exchange(ApiKeys.FETCH, version, new FetchRequestData().setMaxWaitMs(0).setMinBytes(1)
                .setMaxBytes(1 << 20).setSessionId(0).setSessionEpoch(-1).setTopics(List.of(topic)));
    }

    private static AbstractResponse listOffsets(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.LIST_OFFSETS, version, new ListOffsetsRequestData().setReplicaId(-1)
                .setTopics(List.of(new ListOffsetsRequestData.ListOffsetsTopic().setName(TOPIC).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1))))));
    }

    private static AbstractResponse metadata(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        MetadataRequestData request = new MetadataRequestData()
                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(TOPIC)));
        if (version >= 4) {
            request.setAllowAutoTopicCreation(false);
        }
        return client.exchange(ApiKeys.METADATA, version, request);
    }

    private static AbstractResponse offsetCommit(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        // A commit from outside any generation (-1, no member): what Admin and kafka-consumer-groups send.
        OffsetCommitRequestData.OffsetCommitRequestTopic topic = new OffsetCommitRequestData.OffsetCommitRequestTopic()
                .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0)
                        .setCommittedOffset(1).setCommittedMetadata("walk")));
        if (topicIds(ApiKeys.OFFSET_COMMIT, version)) {
            topic.setTopicId(fixture.topicId());
        } else {
            topic.setName(TOPIC);
        }
        return client.exchange(ApiKeys.OFFSET_COMMIT, version, new OffsetCommitRequestData()
                .setGroupId("walk-commit-v" + version).setGenerationIdOrMemberEpoch(-1).setMemberId("")
                .setTopics(List.of(topic)));
    }

    private static AbstractResponse offsetFetch(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        OffsetFetchRequestData request = new OffsetFetchRequestData();
        if (version < 8) {
            request.setGroupId(OFFSETS_GROUP).setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic()
                    .setName(TOPIC).setPartitionIndexes(List.of(0))));
        } else {
            OffsetFetchRequestData.OffsetFetchRequestTopics topic = new OffsetFetchRequestData.OffsetFetchRequestTopics()
                    .setPartitionIndexes(List.of(0));
            if (topicIds(ApiKeys.OFFSET_FETCH, version)) {
                topic.setTopicId(fixture.topicId());
            } else {
                topic.setName(TOPIC);
            }
            request.setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(OFFSETS_GROUP)
                    .setTopics(List.of(topic))));
        }
        return client.exchange(ApiKeys.OFFSET_FETCH, version, request);
    }

    private static AbstractResponse findCoordinator(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        FindCoordinatorRequestData request = new FindCoordinatorRequestData();
        if (version < 4) {
            request.setKey(OFFSETS_GROUP);
        } else {
            request.setCoordinatorKeys(List.of(OFFSETS_GROUP));
        }
        return client.exchange(ApiKeys.FIND_COORDINATOR, version, request);
    }

    private static AbstractResponse joinGroup(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String groupId = "walk-join-v" + version;
        AbstractResponse first = client.exchange(ApiKeys.JOIN_GROUP, version, fixture.joinRequest(groupId, ""));
        JoinGroupResponseData joined = ((JoinGroupResponse) first).data();
        // From v4 a new member is sent away with a member id to join again with (KIP-394), as Kafka does.
        if (version >= 4 && joined.errorCode() == Errors.MEMBER_ID_REQUIRED.code()) {
            return client.exchange(ApiKeys.JOIN_GROUP, version, fixture.joinRequest(groupId, joined.memberId()));
        }
        return first;
    }

    private static AbstractResponse syncGroup(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Member member = fixture.join("walk-sync-v" + version);
        var request = fixture.syncRequest(member);
        if (version >= 5) {
            request.setProtocolType("consumer").setProtocolName("range");
        }
        return client.exchange(ApiKeys.SYNC_GROUP, version, request);
    }

    private static AbstractResponse heartbeat(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Member member = fixture.joinAndSync("walk-heartbeat-v" + version);
        return client.exchange(ApiKeys.HEARTBEAT, version, new HeartbeatRequestData().setGroupId(member.groupId())
                .setMemberId(member.memberId()).setGenerationId(member.generationId()));
    }

    private static AbstractResponse leaveGroup(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Member member = fixture.joinAndSync("walk-leave-v" + version);
        LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(member.groupId());
        if (version < 3) {
            request.setMemberId(member.memberId());
        } else {
            request.setMembers(List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(member.memberId())));
        }
        return client.exchange(ApiKeys.LEAVE_GROUP, version, request);
    }

    private static AbstractResponse apiVersions(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        ApiVersionsRequestData request = new ApiVersionsRequestData();
        if (version >= 3) {
            request.setClientSoftwareName("streambus-walk").setClientSoftwareVersion("1.0");
        }
        return client.exchange(ApiKeys.API_VERSIONS, version, request);
    }

    private static AbstractResponse createTopics(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        CreateTopicsRequestData.CreatableTopicCollection topics = new CreateTopicsRequestData.CreatableTopicCollection();
        topics.add(new CreateTopicsRequestData.CreatableTopic().setName("walk-create-v" + version).setNumPartitions(1)
                .setReplicationFactor((short) 1));
        return client.exchange(ApiKeys.CREATE_TOPICS, version, new CreateTopicsRequestData().setTopics(topics)
                .setTimeoutMs(TIMEOUT_MS));
    }

    private static AbstractResponse deleteTopics(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String name = "walk-delete-v" + version;
        fixture.createTopic(name);
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(TIMEOUT_MS);
        if (version < 6) {
            request.setTopicNames(List.of(name));
        } else {
            request.setTopics(List.of(new DeleteTopicsRequestData.DeleteTopicState().setName(name)
                    .setTopicId(Uuid.ZERO_UUID)));
        }
        return client.exchange(ApiKeys.DELETE_TOPICS, version, request);
    }

    private static AbstractResponse deleteRecords(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.DELETE_RECORDS, version, new DeleteRecordsRequestData().setTimeoutMs(TIMEOUT_MS)
                .setTopics(List.of(new DeleteRecordsRequestData.DeleteRecordsTopic().setName(TOPIC).setPartitions(
                        List.of(new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0)
                                .setOffset(0))))));
    }

    private static AbstractResponse addPartitionsToTxn(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Transaction transaction = fixture.transactional("walk-add-partitions-v" + version);
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName(TOPIC).setPartitions(List.of(0)));
        AddPartitionsToTxnRequestData request = new AddPartitionsToTxnRequestData();
        if (version < 4) {
            request.setV3AndBelowTransactionalId(transaction.transactionalId())
                    .setV3AndBelowProducerId(transaction.producerId())
                    .setV3AndBelowProducerEpoch(transaction.producerEpoch()).setV3AndBelowTopics(topics);
        } else {
            // v4+ is the brokers' batched form (KIP-890); a broker sends it for a client's first produce.
            AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection transactions =
                    new AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection();
            transactions.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction()
                    .setTransactionalId(transaction.transactionalId()).setProducerId(transaction.producerId())
                    .setProducerEpoch(transaction.producerEpoch()).setVerifyOnly(false).setTopics(topics));
            request.setTransactions(transactions);
        }
        return client.exchange(ApiKeys.ADD_PARTITIONS_TO_TXN, version, request);
    }

    private static AbstractResponse addOffsetsToTxn(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Transaction transaction = fixture.transactional("walk-add-offsets-v" + version);
        return client.exchange(ApiKeys.ADD_OFFSETS_TO_TXN, version, new AddOffsetsToTxnRequestData()
                .setTransactionalId(transaction.transactionalId()).setProducerId(transaction.producerId())
                .setProducerEpoch(transaction.producerEpoch()).setGroupId("walk-txn-group-v" + version));
    }

    private static AbstractResponse endTxn(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Transaction transaction = fixture.ongoingTransaction("walk-end-v" + version);
        return client.exchange(ApiKeys.END_TXN, version, new EndTxnRequestData()
                .setTransactionalId(transaction.transactionalId()).setProducerId(transaction.producerId())
                .setProducerEpoch(transaction.producerEpoch()).setCommitted(true));
    }

    private static AbstractResponse writeTxnMarkers(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Transaction producer = fixture.idempotentProducer();
        return client.exchange(ApiKeys.WRITE_TXN_MARKERS, version, new WriteTxnMarkersRequestData().setMarkers(List.of(
                new WriteTxnMarkersRequestData.WritableTxnMarker().setProducerId(producer.producerId())
                        .setProducerEpoch(producer.producerEpoch()).setTransactionResult(false).setCoordinatorEpoch(0)
                        .setTopics(List.of(new WriteTxnMarkersRequestData.WritableTxnMarkerTopic().setName(TOPIC)
                                .setPartitionIndexes(List.of(0)))))));
    }

    private static AbstractResponse txnOffsetCommit(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String groupId = "walk-txn-commit-v" + version;
        Transaction transaction = fixture.transactionWithOffsets("walk-txn-commit-v" + version, groupId);
        TxnOffsetCommitRequestData request = new TxnOffsetCommitRequestData()
                .setTransactionalId(transaction.transactionalId()).setGroupId(groupId)
                .setProducerId(transaction.producerId()).setProducerEpoch(transaction.producerEpoch())
                .setTopics(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic().setName(TOPIC)
                        .setPartitions(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(1).setCommittedMetadata("")))));
        if (version >= 3) {
            request.setGenerationId(-1).setMemberId("");
        }
        return client.exchange(ApiKeys.TXN_OFFSET_COMMIT, version, request);
    }

    private static AbstractResponse describeConfigs(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.DESCRIBE_CONFIGS, version, new DescribeConfigsRequestData().setResources(List.of(
                new DescribeConfigsRequestData.DescribeConfigsResource()
                        .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName(TOPIC)
                        .setConfigurationKeys(null),
                new DescribeConfigsRequestData.DescribeConfigsResource()
                        .setResourceType(ConfigResource.Type.BROKER.id())
                        .setResourceName(String.valueOf(fixture.brokerId())).setConfigurationKeys(null))));
    }

    private static AbstractResponse alterConfigs(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        AlterConfigsRequestData.AlterableConfigCollection configs = new AlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms").setValue("3600000"));
        AlterConfigsRequestData.AlterConfigsResourceCollection resources =
                new AlterConfigsRequestData.AlterConfigsResourceCollection();
        resources.add(new AlterConfigsRequestData.AlterConfigsResource().setResourceType(ConfigResource.Type.TOPIC.id())
                .setResourceName(ALTERED_TOPIC).setConfigs(configs));
        return client.exchange(ApiKeys.ALTER_CONFIGS, version, new AlterConfigsRequestData().setResources(resources));
    }

    private static AbstractResponse incrementalAlterConfigs(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        IncrementalAlterConfigsRequestData.AlterableConfigCollection configs =
                new IncrementalAlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                .setConfigOperation((byte) 0).setValue("7200000"));
        IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection resources =
                new IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection();
        resources.add(new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName(TOPIC).setConfigs(configs));
        return client.exchange(ApiKeys.INCREMENTAL_ALTER_CONFIGS, version,
                new IncrementalAlterConfigsRequestData().setResources(resources));
    }

    private static AbstractResponse createPartitions(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        CreatePartitionsRequestData.CreatePartitionsTopicCollection topics =
                new CreatePartitionsRequestData.CreatePartitionsTopicCollection();
        topics.add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(GROWN_TOPIC)
                .setCount(fixture.nextGrownPartitionCount()).setAssignments(null));
        return client.exchange(ApiKeys.CREATE_PARTITIONS, version, new CreatePartitionsRequestData()
                .setTimeoutMs(TIMEOUT_MS).setTopics(topics));
    }

    private static AbstractResponse deleteGroups(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String groupId = "walk-delete-group-v" + version;
        fixture.commitOffsets(groupId);
        return client.exchange(ApiKeys.DELETE_GROUPS, version, new DeleteGroupsRequestData()
                .setGroupsNames(List.of(groupId)));
    }

    private static AbstractResponse offsetDelete(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String groupId = "walk-offset-delete-v" + version;
        fixture.commitOffsets(groupId);
        OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
        topics.add(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(TOPIC).setPartitions(List.of(
                new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0))));
        return client.exchange(ApiKeys.OFFSET_DELETE, version, new OffsetDeleteRequestData().setGroupId(groupId)
                .setTopics(topics));
    }

    private static AbstractResponse describeQuorum(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.DESCRIBE_QUORUM, version, new DescribeQuorumRequestData().setTopics(List.of(
                new DescribeQuorumRequestData.TopicData().setTopicName(CLUSTER_METADATA_TOPIC).setPartitions(List.of(
                        new DescribeQuorumRequestData.PartitionData().setPartitionIndex(0))))));
    }

    private static AbstractResponse describeProducers(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.DESCRIBE_PRODUCERS, version, new DescribeProducersRequestData().setTopics(
                List.of(new DescribeProducersRequestData.TopicRequest().setName(TOPIC).setPartitionIndexes(List.of(0)))));
    }

    private static AbstractResponse describeTransactions(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        Transaction transaction = fixture.ongoingTransaction("walk-describe-txn-v" + version);
        return client.exchange(ApiKeys.DESCRIBE_TRANSACTIONS, version, new DescribeTransactionsRequestData()
                .setTransactionalIds(List.of(transaction.transactionalId())));
    }

    private static AbstractResponse consumerGroupHeartbeat(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        return client.exchange(ApiKeys.CONSUMER_GROUP_HEARTBEAT, version,
                joinConsumerGroup("walk-consumer-group-v" + version, version));
    }

    private static AbstractResponse consumerGroupDescribe(WalkFixture fixture, RawKafkaClient client, short version)
            throws Exception {
        String groupId = "walk-consumer-describe-v" + version;
        ConsumerGroupHeartbeatResponseData joined = (ConsumerGroupHeartbeatResponseData) client.send(
                ApiKeys.CONSUMER_GROUP_HEARTBEAT, (short) 0, joinConsumerGroup(groupId, (short) 0));
        if (joined.errorCode() != Errors.NONE.code()) {
            throw new IllegalStateException("walk set-up: ConsumerGroupHeartbeat " + Errors.forCode(joined.errorCode()));
        }
        return client.exchange(ApiKeys.CONSUMER_GROUP_DESCRIBE, version, new ConsumerGroupDescribeRequestData()
                .setGroupIds(List.of(groupId)));
    }

    /** The first heartbeat of a new member (epoch 0); from v1 the client chooses its member id (KIP-1082). */
    private static ConsumerGroupHeartbeatRequestData joinConsumerGroup(String groupId, short version) {
        return new ConsumerGroupHeartbeatRequestData().setGroupId(groupId)
                .setMemberId(version >= 1 ? Uuid.randomUuid().toString() : "").setMemberEpoch(0)
                .setRebalanceTimeoutMs(WalkFixture.SESSION_TIMEOUT_MS).setSubscribedTopicNames(List.of(TOPIC))
                .setTopicPartitions(List.of());
    }
}
