package io.streambus.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * A listener, {@code NAME://host:port}. The name is also the security protocol (PLAINTEXT, SSL,
 * SASL_PLAINTEXT, SASL_SSL). An empty host binds every interface; IPv6 hosts are written in
 * brackets ({@code PLAINTEXT://[::1]:9092}). Port 0 asks for an ephemeral port (tests).
 *
 * @param name the listener name, upper case
 * @param host host name or address, empty for every interface; IPv6 without brackets
 * @param port 0..65535
 */
public record Listener(String name, String host, int port) {

    private static final Pattern FORMAT = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_]*)://(\\[[0-9A-Fa-f:.%a-z]*]|[A-Za-z0-9._-]*):(-?[0-9]+)$");

    public Listener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    /**
     * Parses one listener.
     *
     * @param key the config key it was given for, named in errors
     * @throws ServerConfigException naming the key, the value and the expected form
     */
    public static Listener parse(String key, String text) {
        Listener listener = parseNamed(key, text);
        if (!isSecurityProtocol(listener.name())) {
            throw invalid(key, text, "listener name " + listener.name() + " is not a security protocol; accepted: "
                    + "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (or the name in controller.listener.names)");
        }
        return listener;
    }

    /** Parses a listener with any name, such as the controller listener (plain text, Raft). */
    public static Listener parseNamed(String key, String text) {
        String trimmed = text.trim();
        Matcher m = FORMAT.matcher(trimmed);
        if (!m.matches()) {
            throw invalid(key, text, "expected NAME://host:port, e.g. PLAINTEXT://127.0.0.1:9092");
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (host.isEmpty()) {
                throw invalid(key, text, "empty IPv6 address in brackets");
            }
        }
        int port;
        try {
            port = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw invalid(key, text, "port must be a number in 0..65535");
        }
        if (port < 0 || port > 65_535) {
            throw invalid(key, text, "port must be in 0..65535");
        }
        return new Listener(name, host, port);
    }

    public SecurityProtocol securityProtocol() {
        return SecurityProtocol.forName(name);
    }

    /** Whether the host is empty or a wildcard address, i.e. one that clients cannot be told to connect to. */
    public boolean isWildcardHost() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    /** The same listener on another port, e.g. the one actually bound for port 0. */
    public Listener withPort(int newPort) {
        return new Listener(name, host, newPort);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return name + "://" + h + ":" + port;
    }

    private static boolean isSecurityProtocol(String name) {
        for (SecurityProtocol protocol : SecurityProtocol.values()) {
            if (protocol.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static ServerConfigException invalid(String key, String text, String reason) {
        return new ServerConfigException(key, "Invalid listener '" + text + "' in " + key + ": " + reason);
    }
}
