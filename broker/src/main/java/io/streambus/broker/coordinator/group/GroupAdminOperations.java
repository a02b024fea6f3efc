package io.streambus.broker.coordinator.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Group administration on one shard: ListGroups, DescribeGroups, DeleteGroups.
 *
 * <p>Threading: the shard's thread.
 */
final class GroupAdminOperations {

    static final String CLASSIC_TYPE = "classic";
    static final String CONSUMER_TYPE = "consumer";

    private final GroupCoordinatorShard shard;

    GroupAdminOperations(GroupCoordinatorShard shard) {
        this.shard = shard;
    }

    /** Groups whose state and type match the filters (empty filter: any), for ListGroups. */
    List<ListGroupsResponseData.ListedGroup> list(List<String> statesFilter, List<String> typesFilter) {
        List<ListGroupsResponseData.ListedGroup> result = new ArrayList<>();
        for (Group group : shard.groups().values()) {
            String type = group.isConsumerGroup() ? CONSUMER_TYPE : CLASSIC_TYPE;
            String state = group.stateName();
            if ((statesFilter.isEmpty() || statesFilter.stream().anyMatch(state::equalsIgnoreCase))
                    && (typesFilter.isEmpty() || typesFilter.stream().anyMatch(type::equalsIgnoreCase))) {
                result.add(new ListGroupsResponseData.ListedGroup().setGroupId(group.groupId)
                        .setProtocolType(protocolType(group)).setGroupState(state).setGroupType(type));
            }
        }
        return result;
    }

    /**
     * DescribeGroups of one group. Like Kafka, it describes classic groups only: a missing group, or a
     * KIP-848 consumer group (described by ConsumerGroupDescribe), is "Dead", with GROUP_ID_NOT_FOUND and
     * Kafka's message from v6.
     */
    DescribeGroupsResponseData.DescribedGroup describe(String groupId, short version) {
        Group group = shard.group(groupId);
        DescribeGroupsResponseData.DescribedGroup described = new DescribeGroupsResponseData.DescribedGroup()
                .setGroupId(groupId).setErrorCode(Errors.NONE.code());
        if (group == null || group.isConsumerGroup()) {
            described.setGroupState(GroupState.DEAD.kafkaName()).setProtocolType("").setProtocolData("");
            if (version >= 6) {
                described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage(group == null
                        ? "Group " + groupId + " not found." : "Group " + groupId + " is not a classic group.");
            }
            return described;
        }
        boolean stable = group.is(GroupState.STABLE);
        described.setGroupState(group.stateName())
                .setProtocolType(protocolType(group))
                .setProtocolData(stable && group.protocolName != null ? group.protocolName : "");
        for (ClassicMember member : group.members.values()) {
            DescribeGroupsResponseData.DescribedGroupMember entry =
                    new DescribeGroupsResponseData.DescribedGroupMember().setMemberId(member.memberId).setClientId(member.clientId).setClientHost(member.clientHost)
                    .setMemberMetadata(stable ? orEmpty(member.metadata(group.protocolName)) : new byte[0])
                    .setMemberAssignment(stable ? member.assignment : new byte[0]);
            if (version >= 4) {
                entry.setGroupInstanceId(member.groupInstanceId);
            }
            described.members().add(entry);
        }
        return described;
    }

    /** Deletes an empty group with its offsets: GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP or NONE once durable. */
    CompletableFuture<DeleteGroupsResponseData.DeletableGroupResult> delete(String groupId) {
        DeleteGroupsResponseData.DeletableGroupResult result =
                new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(groupId);
        Group group = shard.group(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(result.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()));
        }
        if (!group.is(GroupState.EMPTY) || !group.hasNoMembers()) {
            return CompletableFuture.completedFuture(result.setErrorCode(Errors.NON_EMPTY_GROUP.code()));
        }
        List<GroupRecord> records = new ArrayList<>();
        for (TopicPartition tp : group.offsets.keySet()) {
            records.add(new GroupRecord.OffsetCommit(groupId, tp, null));
        }
        records.add(new GroupRecord.GroupMetadata(groupId, null));
        if (group.consumer != null) {
            records.add(new GroupRecord.ConsumerGroupMetadata(groupId, null));
        }
        return shard.write(records).thenApply(ignored -> result.setErrorCode(Errors.NONE.code()));
    }

    private static String protocolType(Group group) {
        if (group.isConsumerGroup()) {
            return Group.CONSUMER_PROTOCOL_TYPE;
        }
        return group.protocolType == null ? "" : group.protocolType;
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
