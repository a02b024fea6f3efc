package io.streambus.broker.network;

import io.netty.buffer.ByteBuf;

/**
 * One complete request frame (without its 4-byte length) and the budget bytes it holds. Owned by one
 * connection's event loop; {@link #release()} exactly once, after the request's response is written
 * or the handler is done with the buffer (parsed requests may point into it).
 */
final class RequestFrame {

    private final ByteBuf buffer;
    private final long chargedBytes;
    private final long receiveTimeNs;
    private final MemoryBudget budget;

    RequestFrame(ByteBuf buffer, long chargedBytes, long receiveTimeNs, MemoryBudget budget) {
        this.buffer = buffer;
        this.chargedBytes = chargedBytes;
        this.receiveTimeNs = receiveTimeNs;
        this.budget = budget;
    }

    ByteBuf buffer() {
        return buffer;
    }

    long receiveTimeNs() {
        return receiveTimeNs;
    }

    void release() {
        buffer.release();
        budget.release(chargedBytes);
    }
}
