package io.streambus.cli.produce;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Format;
import io.streambus.cli.output.Json;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.RatePacer;
import io.streambus.cli.support.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streambus produce TOPIC}: one record per input line, from stdin or {@code --file}. A summary goes
 * to stderr; {@code --print-offsets} prints where each record landed, in input order, on stdout.
 */
@Command(name = "produce", description = {"Produce records, one per line, from stdin or a file.",
        "Example: echo 'user-1:hello' | streambus produce orders -k :"})
public final class ProduceCommand extends OperatorCommand {

    enum Compression { none, gzip, snappy, lz4, zstd }

    enum Acks {
        all("all"), leader("1"), none("0");

        final String value;

        Acks(String value) {
            this.value = value;
        }
    }

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read records from FILE instead of stdin.")
    Path file;

    @Option(names = {"-k", "--key-separator"}, paramLabel = "SEP",
            description = "Split each line at the first SEP into key and value (no SEP: no key).")
    String keySeparator;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", description = "A header on every record; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-p", "--partition"}, paramLabel = "N", description = "Send to this partition (default: by key hash).")
    Integer partition;

    @Option(names = {"-z", "--compression"}, paramLabel = "CODEC", defaultValue = "none",
            description = "none, gzip, snappy, lz4 or zstd (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all", converter = AcksConverter.class,
            description = "all (-1), 1 or 0 (default: ${DEFAULT-VALUE}).")
    Acks acks;

    @Option(names = "--rate", paramLabel = "N", description = "At most N records per second.")
    double rate;

    @Option(names = {"-P", "--print-offsets"}, description = "Print partition and offset of each record.")
    boolean printOffsets;

    public ProduceCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) throws IOException {
        RecordLineParser parser = new RecordLineParser(topic, partition, keySeparator, parseHeaders());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, acks.value);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.name());
        // Idempotence needs acks=all; the client refuses the combination when it is asked for explicitly.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks == Acks.all);
        RatePacer pacer = new RatePacer(rate, System::nanoTime);
        ArrayDeque<Future<RecordMetadata>> pending = new ArrayDeque<>();
        long count = 0;
        try (BufferedReader in = new BufferedReader(open());
             KafkaProducer<byte[], byte[]> producer = session.clients().producer(config)) {
            String line;
            while ((line = in.readLine()) != null) {
                pacer.acquire();
                pending.add(producer.send(parser.parse(line)));
                count++;
                report(session, pending, false);
            }
            producer.flush();
            report(session, pending, true);
        }
        session.output().notice("Produced " + count + " record" + (count == 1 ? "" : "s") + " to " + topic);
        return 0;
    }

    /** Reports (or just checks) the completed sends at the head of the queue; all of them when {@code all}. */
    private void report(Session session, ArrayDeque<Future<RecordMetadata>> pending, boolean all) {
        while (!pending.isEmpty() && (all || pending.peek().isDone())) {
            RecordMetadata metadata = await(session, pending.poll());
            if (printOffsets) {
                if (session.output().format() == Format.TABLE) {
                    session.output().out().println(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
                } else {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("topic", metadata.topic());
                    line.put("partition", metadata.partition());
                    line.put("offset", metadata.offset());
                    session.output().out().println(Json.write(line));
                }
            }
        }
        session.output().out().flush();
    }

    private RecordMetadata await(Session session, Future<RecordMetadata> send) {
        try {
            return send.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = String.valueOf(cause.getMessage());
            // A missing topic or partition shows up as metadata that never arrives.
            if (cause instanceof TimeoutException && message.contains("not present in metadata")) {
                throw new CliException(partition != null && message.startsWith("Partition")
                        ? "Topic '" + topic + "' has no partition " + partition
                        : "Topic '" + topic + "' does not exist", cause);
            }
            throw session.clients().translate(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
    }

    private Reader open() throws IOException {
        if (file == null) {
            return new InputStreamReader(context.stdin(), StandardCharsets.UTF_8);
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("File not found: " + file);
        }
    }

    private List<Header> parseHeaders() {
        List<Header> parsed = new ArrayList<>();
        for (String header : headers) {
            int at = header.indexOf('=');
            if (at <= 0) {
                throw CliException.usage("Header '" + header + "' is not KEY=VALUE");
            }
            parsed.add(new RecordHeader(header.substring(0, at),
                    header.substring(at + 1).getBytes(StandardCharsets.UTF_8)));
        }
        return parsed;
    }

    /** Accepts Kafka's spellings: all, -1, 1, 0. */
    static final class AcksConverter implements picocli.CommandLine.ITypeConverter<Acks> {
        @Override
        public Acks convert(String value) {
            return switch (value.strip()) {
                case "all", "-1" -> Acks.all;
                case "1" -> Acks.leader;
                case "0" -> Acks.none;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not an acks value; accepted: all, -1, 1, 0");
            };
        }
    }
}
