package io.streambus.server.data;

import io.streambus.server.ServerException;

/** The data directory cannot be used: not creatable, locked by another process, or belongs to another node or cluster. */
public class DataDirectoryException extends ServerException {

    public DataDirectoryException(String message) {
        super(message);
    }

    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
