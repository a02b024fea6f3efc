package io.streambus.server;

/** Base of every exception the server module throws. Its message is one line meant for the operator. */
public class ServerException extends RuntimeException {

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
