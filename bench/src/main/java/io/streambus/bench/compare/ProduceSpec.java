package io.streambus.bench.compare;

import java.util.List;

/**
 * One producer-throughput workload: record size, acknowledgement level and partition count. Each gets
 * its own topic, which the consumer workload later reads back.
 *
 * @param recordBytes size of each record's value (no key)
 * @param acks        the producer's acks setting, "1" or "all"
 * @param partitions  partitions of the topic
 */
public record ProduceSpec(int recordBytes, String acks, int partitions) {

    /** 100 B and 1 KiB records, acks=1 and acks=all, 1 and 16 partitions. */
    public static final List<ProduceSpec> STANDARD = List.of(
            new ProduceSpec(100, "1", 1), new ProduceSpec(100, "1", 16),
            new ProduceSpec(100, "all", 1), new ProduceSpec(100, "all", 16),
            new ProduceSpec(1024, "1", 1), new ProduceSpec(1024, "1", 16),
            new ProduceSpec(1024, "all", 1), new ProduceSpec(1024, "all", 16));

    public String topic() {
        return "bench-" + recordBytes + "b-acks" + acks + "-p" + partitions;
    }

    /** Short id for metric names: "100b-acks1-p16". */
    public String id() {
        return recordBytes + "b-acks" + acks + "-p" + partitions;
    }

    public String label() {
        String size = recordBytes >= 1024 && recordBytes % 1024 == 0 ? recordBytes / 1024 + " KiB" : recordBytes + " B";
        return size + ", acks=" + acks + ", " + partitions + (partitions == 1 ? " partition" : " partitions");
    }

    /** Consumer throughput is measured on the acks=1 topics: how they were acknowledged does not change reading. */
    public boolean consumed() {
        return acks.equals("1");
    }
}
