package io.streambus.cli.support;

import io.streambus.cli.output.Format;
import java.time.Duration;
import java.util.Map;

/**
 * The global settings in force: each from its flag, else the profile, else the default.
 *
 * @param clientProperties extra Kafka client settings from the profile, applied to every client
 */
public record Settings(String bootstrap, Duration timeout, Format format, Map<String, String> clientProperties) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static Settings resolve(GlobalOptions flags, Profile profile) {
        return new Settings(
                first(flags.bootstrap(), profile.bootstrap(), DEFAULT_BOOTSTRAP),
                first(flags.timeout(), profile.timeout(), DEFAULT_TIMEOUT),
                first(flags.format(), profile.format(), Format.TABLE),
                profile.properties());
    }

    public long timeoutMs() {
        return Math.max(1, timeout.toMillis());
    }

    private static <T> T first(T flag, T profile, T fallback) {
        return flag != null ? flag : profile != null ? profile : fallback;
    }
}
