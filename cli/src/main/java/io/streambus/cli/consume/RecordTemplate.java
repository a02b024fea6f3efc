package io.streambus.cli.consume;

import io.streambus.cli.support.CliException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A compiled output template: literal text with {@code {topic} {partition} {offset} {timestamp} {key}
 * {value} {headers}} placeholders and the escapes {@code \n \t \\}. A missing key or value prints as
 * nothing; headers as {@code k1=v1,k2=v2}. Immutable.
 */
public final class RecordTemplate {

    enum Field { TOPIC, PARTITION, OFFSET, TIMESTAMP, KEY, VALUE, HEADERS }

    public static final String FIELDS = "{topic} {partition} {offset} {timestamp} {key} {value} {headers}";

    /** Each part is a String literal or a Field. */
    private final List<Object> parts;

    private RecordTemplate(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    public static RecordTemplate compile(String template) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                char next = template.charAt(++i);
                literal.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw CliException.usage("Unclosed '{' in template '" + template + "'");
                }
                String name = template.substring(i + 1, end);
                Field field;
                try {
                    field = Field.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw CliException.usage("Unknown field {" + name + "} in template; accepted: " + FIELDS);
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(field);
                i = end;
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new RecordTemplate(parts);
    }

    public void format(ConsumerRecord<byte[], byte[]> record, StringBuilder out) {
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                continue;
            }
            switch ((Field) part) {
                case TOPIC -> out.append(record.topic());
                case PARTITION -> out.append(record.partition());
                case OFFSET -> out.append(record.offset());
                case TIMESTAMP -> out.append(record.timestamp());
                case KEY -> appendText(record.key(), out);
                case VALUE -> appendText(record.value(), out);
                case HEADERS -> {
                    boolean first = true;
                    for (Header header : record.headers()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        out.append(header.key()).append('=');
                        appendText(header.value(), out);
                    }
                }
            }
        }
    }

    static void appendText(byte[] bytes, StringBuilder out) {
        if (bytes != null) {
            out.append(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
