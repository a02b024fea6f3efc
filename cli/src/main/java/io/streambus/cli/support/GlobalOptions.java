package io.streambus.cli.support;

import io.streambus.cli.output.Format;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The flags every operator command takes, in any position ({@code streambus -b host:9092 topic list} or
 * {@code streambus topic list -b host:9092}). Null means "not given": the profile, then the default, decide.
 */
public final class GlobalOptions {

    /** Implemented by the root command, which owns the one instance picocli fills. */
    public interface Holder {
        GlobalOptions globalOptions();
    }

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,...]", scope = ScopeType.INHERIT,
            description = "Brokers to bootstrap from (default: the profile's, else localhost:9092).")
    String bootstrap;

    @Option(names = "--format", paramLabel = "table|json|yaml", scope = ScopeType.INHERIT,
            converter = FormatConverter.class,
            description = "Output format (default: the profile's, else table).")
    Format format;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, converter = Durations.class,
            description = "How long to wait for brokers, e.g. 500ms, 10s (default: the profile's, else 10s).")
    Duration timeout;

    public String bootstrap() {
        return bootstrap;
    }

    public Format format() {
        return format;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Case-insensitive, naming the accepted values on a mistake. */
    public static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Profile.parseFormat(value);
        }
    }
}
