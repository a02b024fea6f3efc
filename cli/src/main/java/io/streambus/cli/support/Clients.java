package io.streambus.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Builds the Kafka clients a command needs from the {@link Settings}, bounded by {@code --timeout} so that
 * an unreachable broker fails in time, and turns their failures into one-line {@link CliException}s that
 * name the address tried. The admin client is created on first use and closed with this object.
 * Used by the command's thread.
 */
public final class Clients implements AutoCloseable {

    private static final String CLIENT_ID = "streambus-cli";

    private final Settings settings;
    private Admin admin;

    public Clients(Settings settings, boolean verbose) {
        this.settings = settings;
        quietKafkaLogs(verbose);
    }

    public Settings settings() {
        return settings;
    }

    public Admin admin() {
        if (admin == null) {
            Properties props = common();
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, settings.timeoutMs()));
            admin = create(() -> Admin.create(props));
        }
        return admin;
    }

    /** A byte-array producer; {@code overrides} are the command's own settings (acks, compression...). */
    public KafkaProducer<byte[], byte[]> producer(Map<String, Object> overrides) {
        Properties props = common();
        long timeoutMs = settings.timeoutMs();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.putAll(overrides);
        // The client refuses a delivery timeout below linger + request timeout.
        long lingerMs = Long.parseLong(String.valueOf(props.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, 5)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, Math.max(
                120_000, timeoutMs + lingerMs)));
        return create(() -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** A byte-array consumer; without a {@code group.id} in {@code overrides} it commits nothing. */
    public KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        Properties props = common();
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, settings.timeoutMs()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(overrides);
        return create(() -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** Waits for an admin result; failures become one-line errors. */
    public <T> T await(KafkaFuture<T> future) {
        try {
            // The admin client enforces the timeout itself; the margin only guards against a lost answer.
            return future.get(settings.timeoutMs() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
    }

    /** As {@link #await(KafkaFuture)}, naming the topic when it does not exist. */
    public <T> T awaitTopic(KafkaFuture<T> future, String topic) {
        try {
            return await(future);
        } catch (CliException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CliException("Topic '" + topic + "' does not exist", e.getCause());
            }
            throw e;
        }
    }

    /** As {@link #await(KafkaFuture)}, naming the group when it does not exist. */
    public <T> T awaitGroup(KafkaFuture<T> future, String group) {
        try {
            return await(future);
        } catch (CliException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw new CliException("Group '" + group + "' does not exist", e.getCause());
            }
            throw e;
        }
    }

    /** A Kafka failure as a one-line error; a timeout names the bootstrap address and the timeout. */
    public CliException translate(Throwable cause) {
        if (cause instanceof CliException e) {
            return e;
        }
        if (cause instanceof TimeoutException) {
            return unreachable(cause);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new CliException(message, cause);
    }

    private CliException unreachable(Throwable cause) {
        return new CliException("No answer from a broker at " + settings.bootstrap() + " within "
                + settings.timeoutMs() + " ms (is it running and reachable? see --bootstrap, --timeout)", cause);
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.timeoutMs());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeoutMs, 30_000));
        // Retry a refused connection quickly so that a broker just starting is found within the timeout.
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        props.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 1_000);
        props.putAll(settings.clientProperties());
        return props;
    }

    private <T> T create(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (KafkaException e) {
            Throwable cause = e.getCause() instanceof ConfigException ? e.getCause() : e;
            if (cause.getMessage() != null && cause.getMessage().contains("No resolvable bootstrap urls")) {
                throw new CliException("Cannot resolve any broker address in '" + settings.bootstrap() + "'", e);
            }
            throw new CliException("Cannot create a Kafka client: " + cause.getMessage(), e);
        }
    }

    /** Kafka clients log every failed connection at WARN; the CLI reports failures itself, in one line. */
    private static void quietKafkaLogs(boolean verbose) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger("org.apache.kafka").setLevel(verbose ? Level.WARN : Level.OFF);
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofMillis(Math.min(settings.timeoutMs(), 5_000)));
        }
    }
}
