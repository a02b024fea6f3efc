package io.streambus.broker.api;

import java.util.Objects;

import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.RecordsSend;

import io.streambus.storage.LogSlice;

/**
 * A records field backed by a segment file: put it in a response (e.g.
 * {@code FetchResponseData.PartitionData.setRecords}) and the network layer sends the slice with
 * sendfile on plaintext connections, or copies it with {@link LogSlice#readInto} on TLS ones.
 * The slice's channel is never closed by the network layer.
 */
public record LogSliceRecords(LogSlice slice) implements BaseRecords {

    public LogSliceRecords {
        Objects.requireNonNull(slice, "slice");
    }

    @Override
    public int sizeInBytes() {
        return slice.sizeInBytes();
    }

    /** Not used: the broker's network layer writes these records itself. */
    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        throw new UnsupportedOperationException("LogSliceRecords are written by the StreamBus network layer");
    }
}
