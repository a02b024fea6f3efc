package io.streambus.cli.produce;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns an input line into a record: with a key separator, the text before its first occurrence is the
 * key and the rest the value (a line without it has no key); without one, the whole line is the value.
 * Stateless.
 */
record RecordLineParser(String topic, Integer partition, String keySeparator, List<Header> headers) {

    ProducerRecord<byte[], byte[]> parse(String line) {
        byte[] key = null;
        String value = line;
        if (keySeparator != null) {
            int at = line.indexOf(keySeparator);
            if (at >= 0) {
                key = line.substring(0, at).getBytes(StandardCharsets.UTF_8);
                value = line.substring(at + keySeparator.length());
            }
        }
        return new ProducerRecord<>(topic, partition, null, key, value.getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
