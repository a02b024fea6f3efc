package io.streambus.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Record content that is a pure function of (partition, index), so a consumer can check every field of
 * every record without the test keeping what it sent: key, value (variable length, partly compressible),
 * two headers and a timestamp.
 */
public final class RecordContent {

    public static final String INDEX_HEADER = "index";
    public static final String SOURCE_HEADER = "source";
    private static final byte[] SOURCE = "streambus-it".getBytes(StandardCharsets.UTF_8);

    private final long baseTimestampMs;

    /** @param baseTimestampMs timestamp of index 0; index i has {@code baseTimestampMs + i} */
    public RecordContent(long baseTimestampMs) {
        this.baseTimestampMs = baseTimestampMs;
    }

    public ProducerRecord<byte[], byte[]> record(String topic, int partition, long index) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(INDEX_HEADER, longBytes(index)));
        headers.add(new RecordHeader(SOURCE_HEADER, SOURCE));
        return new ProducerRecord<>(topic, partition, timestamp(index), key(partition, index),
                value(partition, index), headers);
    }

    public long timestamp(long index) {
        return baseTimestampMs + index;
    }

    public static byte[] key(int partition, long index) {
        return ("key-" + partition + "-" + index).getBytes(StandardCharsets.UTF_8);
    }

    /** 40 to 167 bytes: a run of one byte (compresses) followed by a varying tail (does not). */
    public static byte[] value(int partition, long index) {
        int length = 40 + (int) (index % 128);
        byte[] value = new byte[length];
        long seed = index * 0x9E3779B97F4A7C15L + partition;
        for (int i = 0; i < length; i++) {
            value[i] = i < length / 2 ? (byte) partition : (byte) (seed >>> ((i % 8) * 8) ^ i);
        }
        return value;
    }

    /** Checks that {@code record} is exactly record {@code index} of its partition. */
    public void assertMatches(ConsumerRecord<byte[], byte[]> record, long index) {
        if (matches(record, index)) {
            return; // the common case, without building assertion messages
        }
        int partition = record.partition();
        String where = record.topic() + "-" + partition + " index " + index + " (offset " + record.offset() + ")";
        assertThat(record.key()).as("key of %s", where).isEqualTo(key(partition, index));
        assertThat(record.value()).as("value of %s", where).isEqualTo(value(partition, index));
        assertThat(record.timestamp()).as("timestamp of %s", where).isEqualTo(timestamp(index));
        assertThat(record.headers().toArray()).as("headers of %s", where).containsExactly(
                new RecordHeader(INDEX_HEADER, longBytes(index)), new RecordHeader(SOURCE_HEADER, SOURCE));
    }

    private boolean matches(ConsumerRecord<byte[], byte[]> record, long index) {
        Header[] headers = record.headers().toArray();
        return Arrays.equals(record.key(), key(record.partition(), index))
                && Arrays.equals(record.value(), value(record.partition(), index))
                && record.timestamp() == timestamp(index)
                && headers.length == 2
                && headers[0].key().equals(INDEX_HEADER) && Arrays.equals(headers[0].value(), longBytes(index))
                && headers[1].key().equals(SOURCE_HEADER) && Arrays.equals(headers[1].value(), SOURCE);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
