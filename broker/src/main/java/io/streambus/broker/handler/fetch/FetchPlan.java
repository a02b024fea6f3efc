package io.streambus.broker.handler.fetch;

import io.streambus.broker.partition.Partition;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;

/**
 * What one Fetch request asks for, resolved against the hosted partitions: topics in request order, each
 * partition either readable or already answered with an error. Immutable once built by the handler.
 *
 * @param topics         the topics, in request order
 * @param maxBytes       the response's byte budget across all partitions
 * @param minBytes       bytes wanted before answering, unless the wait runs out
 * @param readCommitted  isolation level read_committed (aborted-transaction list present, bound is the LSO)
 */
record FetchPlan(List<Topic> topics, int maxBytes, int minBytes, boolean readCommitted) {

    /** One topic of the response; {@code name} for v12 and below, {@code topicId} from v13. */
    record Topic(String name, Uuid topicId, List<Target> partitions) {
    }

    /**
     * One partition. Exactly one of {@code partition} (readable) and {@code error} (answered already) is set.
     */
    record Target(int index, Partition partition, long fetchOffset, int partitionMaxBytes, PartitionData error) {

        static Target readable(int index, Partition partition, long fetchOffset, int partitionMaxBytes) {
            return new Target(index, partition, fetchOffset, partitionMaxBytes, null);
        }

        static Target failed(PartitionData error) {
            return new Target(error.partitionIndex(), null, -1, 0, error);
        }

        boolean isReadable() {
            return partition != null;
        }
    }
}
