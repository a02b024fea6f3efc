package io.streambus.broker.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.streambus.broker.api.LogSliceRecords;

/**
 * Kafka's {@link Writable} over pooled Netty buffers, so generated messages serialise straight into
 * what the socket sends. Records fields backed by a {@link LogSliceRecords} become a
 * {@link SliceFileRegion} (sendfile) between two buffers, unless {@code copySlices} (TLS), when they
 * are copied with {@code readInto}. {@code MemoryRecords} are copied.
 *
 * <p>Single use, on one event loop: {@link #finish()} hands back the pieces to write, in order.
 */
final class ByteBufWritable implements Writable {

    private final ByteBufAllocator allocator;
    private final boolean copySlices;
    private final List<Object> out;
    private ByteBuf buf;
    /** Bytes still expected in buffers (not in regions), to size the buffer that follows a region. */
    private int bufferBytesRemaining;

    ByteBufWritable(ByteBufAllocator allocator, int bufferBytes, boolean copySlices, List<Object> out) {
        this.allocator = allocator;
        this.copySlices = copySlices;
        this.out = out;
        this.bufferBytesRemaining = bufferBytes;
        this.buf = allocator.ioBuffer(bufferBytes);
    }

    /** Appends the last buffer to the output. */
    void finish() {
        if (buf.isReadable()) {
            out.add(buf);
        } else {
            buf.release();
        }
        buf = null;
    }

    /** Releases everything produced so far; for a serialisation that failed half way. */
    void abandon() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
        for (Object piece : out) {
            io.netty.util.ReferenceCountUtil.release(piece);
        }
        out.clear();
    }

    @Override
    public void writeByte(byte val) {
        buf.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        buf.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        buf.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        buf.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        buf.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        buf.writeBytes(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        int value = i;
        while ((value & 0xFFFFFF80) != 0) {
            buf.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf.writeByte(value);
    }

    @Override
    public void writeByteBuffer(ByteBuffer src) {
        buf.writeBytes(src.duplicate()); // the caller's position must not move
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long i) {
        long value = (i << 1) ^ (i >> 63);
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            buf.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf.writeByte((int) value);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        switch (records) {
            case MemoryRecords memory -> writeByteBuffer(memory.buffer());
            case LogSliceRecords slice when copySlices -> copySlice(slice);
            case LogSliceRecords slice -> sendSlice(slice);
            default -> throw new UnsupportedOperationException("cannot send records of type " + records.getClass());
        }
    }

    private void copySlice(LogSliceRecords records) {
        int size = records.sizeInBytes();
        buf.ensureWritable(size);
        try {
            records.slice().readInto(buf.nioBuffer(buf.writerIndex(), size));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a log slice to send it", e);
        }
        buf.writerIndex(buf.writerIndex() + size);
    }

    private void sendSlice(LogSliceRecords records) {
        bufferBytesRemaining -= buf.readableBytes();
        out.add(buf);
        out.add(new SliceFileRegion(records.slice()));
        buf = allocator.ioBuffer(Math.max(bufferBytesRemaining, 16));
    }
}
