package io.streambus.storage.index;

/** An index file failed its sanity check; the caller rebuilds it from the log. */
public final class CorruptIndexException extends RuntimeException {

    public CorruptIndexException(String message) {
        super(message);
    }
}
