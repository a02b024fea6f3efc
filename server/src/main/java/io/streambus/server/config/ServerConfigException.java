package io.streambus.server.config;

import io.streambus.server.ServerException;

/**
 * The server's configuration is unusable: a file is missing or not YAML, a key is unknown, or a value
 * is invalid. The message names the key, the accepted values and where the value came from; the
 * command line reports it as a usage error (exit code 2).
 */
public class ServerConfigException extends ServerException {

    private final String key;

    public ServerConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ServerConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The offending key, or null if the error is not about one key (e.g. a missing file). */
    public String key() {
        return key;
    }
}
