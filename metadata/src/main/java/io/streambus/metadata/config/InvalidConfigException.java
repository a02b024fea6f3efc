package io.streambus.metadata.config;

import io.streambus.metadata.MetadataException;

/** A config value is unknown, of the wrong type or out of range; the message names the key and what it accepts. */
public class InvalidConfigException extends MetadataException {

    private final String key;

    public InvalidConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending key. */
    public String key() {
        return key;
    }

    static InvalidConfigException invalidValue(String key, Object value, String reason) {
        return new InvalidConfigException(key, "Invalid value " + value + " for configuration " + key + ": " + reason);
    }
}
