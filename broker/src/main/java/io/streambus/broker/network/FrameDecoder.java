package io.streambus.broker.network;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.streambus.broker.network.Connection.PauseReason;
import io.streambus.storage.Time;

/**
 * Kafka framing: a 4-byte big-endian size, then that many bytes. Emits one {@link RequestFrame} per
 * complete frame.
 *
 * <p>Memory: the announced size is checked against the connection's limit before anything is
 * allocated, then the frame is charged to the {@link MemoryBudget} only as its bytes arrive. A frame
 * that arrives whole in one read is a zero-copy slice of that read; a frame spread over reads is
 * copied into a buffer that grows (doubling, capped at the frame size) as data arrives. When the
 * budget refuses, reading pauses and the unprocessed input is kept (and charged) until memory frees.
 * A frame that makes no progress for {@code requestTimeoutNs} closes the connection, so a stalled
 * sender cannot pin memory forever; the deadline is checked with the injected {@link Time}.
 *
 * <p>Owned by the connection's event loop.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int SIZE_BYTES = 4;
    /** First buffer for a frame spread over reads; small so a slow sender reserves little. */
    private static final int INITIAL_PARTIAL_CAPACITY = 4096;
    /** Growth in steps of whole pages, so a trickle of bytes does not reallocate per read. */
    private static final int GROWTH_ROUNDING = 4096;

    private final Connection connection;
    private final MemoryBudget budget;
    private final Time time;
    private final long requestTimeoutNs;
    private final ArrayDeque<ByteBuf> heldInput = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private int sizeBytesRead;
    private int frameSize = -1;
    private ByteBuf partial;
    private long partialChargedBytes;
    private long lastProgressNs;
    private boolean stallCheckScheduled;
    private boolean pausedForMemory;
    /** The reservation last refused, so the budget wakes us only when it could succeed. */
    private long refusedBytes;
    private boolean refusedPartial;
    private boolean closed;

    FrameDecoder(Connection connection, MemoryBudget budget, Time time, long requestTimeoutMs) {
        this.connection = connection;
        this.budget = budget;
        this.time = time;
        this.requestTimeoutNs = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (closed) {
            in.release();
            return;
        }
        if (pausedForMemory) {
            hold(in, false);
            return;
        }
        decode(in);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }

    /** Decodes as much of {@code in} as memory allows; keeps the rest if the budget refuses. Releases {@code in}. */
    private void decode(ByteBuf in) {
        while (in.isReadable() && !closed) {
            if (frameSize < 0 && !readSize(in)) {
                break;
            }
            if (closed) {
                break;
            }
            boolean progressed = partial == null ? startFrame(in) : continueFrame(in);
            if (!progressed) {
                hold(in, true);
                pauseForMemory();
                return;
            }
        }
        in.release();
    }

    /** Accumulates the 4-byte size, which may itself arrive in pieces; validates it once complete. */
    private boolean readSize(ByteBuf in) {
        while (sizeBytesRead < SIZE_BYTES && in.isReadable()) {
            frameSize = (sizeBytesRead == 0 ? 0 : frameSize << 8) | in.readUnsignedByte();
            sizeBytesRead++;
        }
        if (sizeBytesRead < SIZE_BYTES) {
            return false;
        }
        if (frameSize <= 0) {
            closeConnection("invalid frame size " + frameSize);
        } else if (frameSize > connection.maxFrameBytes()) {
            closeConnection("frame of " + frameSize + " bytes exceeds the limit of " + connection.maxFrameBytes());
        }
        return true;
    }

    /** Starts the frame whose size was just read. Returns false when the budget refuses. */
    private boolean startFrame(ByteBuf in) {
        if (in.readableBytes() >= frameSize) {
            // The whole frame is in this read: slice it, no copy.
            if (!budget.tryReserveComplete(frameSize)) {
                refusedBytes = frameSize;
                refusedPartial = false;
                return false;
            }
            emit(in.readRetainedSlice(frameSize), frameSize);
            return true;
        }
        int capacity = Math.min(frameSize, Math.max(INITIAL_PARTIAL_CAPACITY, in.readableBytes()));
        if (!budget.tryReservePartial(capacity)) {
            refusedBytes = capacity;
            refusedPartial = true;
            return false;
        }
        partial = ctx.alloc().buffer(capacity, frameSize);
        partialChargedBytes = capacity;
        return continueFrame(in);
    }

    /** Copies what arrived into the partial frame, growing it within the budget. */
    private boolean continueFrame(ByteBuf in) {
        int needed = frameSize - partial.writerIndex();
        int available = Math.min(needed, in.readableBytes());
        if (partial.writableBytes() < available && !grow(available)) {
            // Take what fits; the frame still progresses and the budget is not exceeded.
            available = partial.writableBytes();
            if (available == 0) {
                return false;
            }
        }
        partial.writeBytes(in, available);
        lastProgressNs = time.nanoseconds();
        if (partial.writerIndex() == frameSize) {
            ByteBuf complete = partial;
            long charged = partialChargedBytes;
            partial = null;
            partialChargedBytes = 0;
            emit(complete, charged);
        } else {
            scheduleStallCheck();
        }
        return true;
    }

    /**
     * Grows the partial frame to hold {@code incoming} more bytes: doubling (fewer reallocations),
     * or if the budget refuses that, just enough for what arrived.
     */
    private boolean grow(int incoming) {
        long exact = Math.min(frameSize, ((long) partial.writerIndex() + incoming + GROWTH_ROUNDING - 1)
                / GROWTH_ROUNDING * GROWTH_ROUNDING);
        long doubled = Math.min(frameSize, Math.max(2L * partial.capacity(), exact));
        for (long newCapacity : new long[] {doubled, exact}) {
            long extra = newCapacity - partial.capacity();
            if (budget.tryReservePartial(extra)) {
                partial.capacity((int) newCapacity);
                partialChargedBytes += extra;
                return true;
            }
            refusedBytes = extra;
            refusedPartial = true;
        }
        return false;
    }

    private void emit(ByteBuf frame, long chargedBytes) {
        sizeBytesRead = 0;
        frameSize = -1;
        ctx.fireChannelRead(new RequestFrame(frame, chargedBytes, time.nanoseconds(), budget));
    }

    /**
     * Keeps input taken from the socket while paused; it is in memory, so it is charged. Input being
     * decoded goes back to the front, ahead of what arrived after it.
     */
    private void hold(ByteBuf in, boolean unprocessedHead) {
        budget.hold(in.readableBytes());
        if (unprocessedHead) {
            heldInput.addFirst(in);
        } else {
            heldInput.addLast(in);
        }
    }

    private void pauseForMemory() {
        if (pausedForMemory) {
            return;
        }
        pausedForMemory = true;
        budget.connectionPaused();
        connection.pause(PauseReason.MEMORY);
        budget.awaitMemory(this::wakeFromAnyThread, refusedBytes, refusedPartial);
        scheduleStallCheck();
    }

    private void wakeFromAnyThread() {
        ctx.executor().execute(this::resumeAfterMemoryFreed);
    }

    private void resumeAfterMemoryFreed() {
        if (!pausedForMemory || closed) {
            return;
        }
        pausedForMemory = false;
        budget.connectionResumed();
        while (!heldInput.isEmpty() && !pausedForMemory && !closed) {
            ByteBuf in = heldInput.pollFirst();
            budget.unhold(in.readableBytes());
            decode(in);
        }
        // Frames emitted here are outside a socket read: end the batch so responses get flushed.
        ctx.fireChannelReadComplete();
        if (!pausedForMemory && !closed) {
            connection.resume(PauseReason.MEMORY);
        }
    }

    private void scheduleStallCheck() {
        if (stallCheckScheduled) {
            return;
        }
        stallCheckScheduled = true;
        if (partial == null) {
            lastProgressNs = time.nanoseconds();
        }
        ctx.executor().schedule(this::checkStalled, requestTimeoutNs, TimeUnit.NANOSECONDS);
    }

    /** Closes a connection whose frame stopped arriving; a paused connection with held input counts too. */
    private void checkStalled() {
        stallCheckScheduled = false;
        if (closed || (partial == null && !pausedForMemory)) {
            return;
        }
        long idleNs = time.nanoseconds() - lastProgressNs;
        if (idleNs >= requestTimeoutNs) {
            closeConnection("no progress on a " + frameSize + "-byte frame for "
                    + TimeUnit.NANOSECONDS.toMillis(idleNs) + " ms");
            return;
        }
        stallCheckScheduled = true;
        ctx.executor().schedule(this::checkStalled, requestTimeoutNs - idleNs, TimeUnit.NANOSECONDS);
    }

    private void closeConnection(String reason) {
        if (closed) {
            return;
        }
        log.warn("{}Closing connection: {}", connection.logPrefix(), reason);
        releaseAll();
        ctx.close();
    }

    private void releaseAll() {
        if (closed) {
            return;
        }
        closed = true;
        if (partial != null) {
            partial.release();
            partial = null;
            budget.release(partialChargedBytes);
            partialChargedBytes = 0;
        }
        ByteBuf in;
        while ((in = heldInput.pollFirst()) != null) {
            budget.unhold(in.readableBytes());
            in.release();
        }
        if (pausedForMemory) {
            pausedForMemory = false;
            budget.connectionResumed();
        }
    }
}
