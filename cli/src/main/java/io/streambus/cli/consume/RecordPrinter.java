package io.streambus.cli.consume;

import io.streambus.cli.output.Format;
import io.streambus.cli.output.Json;
import io.streambus.cli.output.Output;
import io.streambus.cli.output.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Prints consumed records: through a {@link RecordTemplate} (table format), as JSON lines, or as YAML
 * documents. Reuses one buffer; used by the consuming thread.
 */
final class RecordPrinter {

    private final Output output;
    private final RecordTemplate template;
    private final StringBuilder line = new StringBuilder(256);

    RecordPrinter(Output output, RecordTemplate template) {
        this.output = output;
        this.template = template;
    }

    void print(ConsumerRecord<byte[], byte[]> record) {
        line.setLength(0);
        if (output.format() == Format.TABLE) {
            template.format(record, line);
            output.out().print(line);
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", record.topic());
        fields.put("partition", record.partition());
        fields.put("offset", record.offset());
        fields.put("timestamp", record.timestamp());
        fields.put("key", text(record.key()));
        fields.put("value", text(record.value()));
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        fields.put("headers", headers);
        if (output.format() == Format.JSON) {
            Json.write(fields, line);
            output.out().println(line);
        } else {
            output.out().print("---\n" + Yaml.write(fields));
        }
    }

    void flush() {
        output.out().flush();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
