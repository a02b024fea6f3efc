package io.streambus.server;

/** A server component failed to start; the components started before it have been closed. */
public class ServerStartupException extends ServerException {

    public ServerStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
