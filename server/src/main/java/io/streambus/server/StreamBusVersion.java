package io.streambus.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The StreamBus version, from the build (resource {@code version.properties}, filtered by Maven). */
public final class StreamBusVersion {

    private static final String VERSION = load();

    private StreamBusVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = StreamBusVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
