package io.streambus.broker.handler.admin;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The authorized-operations bit fields of Metadata and DescribeCluster (KIP-430). There is no authorizer
 * yet, so, as in Kafka without one, every operation the resource type supports is allowed. Stateless.
 */
final class AuthorizedOperations {

    /** What the response carries when the client did not ask for authorized operations. */
    static final int NOT_REQUESTED = Integer.MIN_VALUE;

    static final int TOPIC = bitField(EnumSet.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
            AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS));

    static final int CLUSTER = bitField(EnumSet.of(AclOperation.CREATE, AclOperation.CLUSTER_ACTION,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE,
            AclOperation.ALTER, AclOperation.DESCRIBE));

    private AuthorizedOperations() {
    }

    private static int bitField(Set<AclOperation> operations) {
        int field = 0;
        for (AclOperation operation : operations) {
            field |= 1 << operation.code();
        }
        return field;
    }
}
