package io.streambus.broker.network;

import io.netty.channel.DefaultFileRegion;
import io.streambus.storage.LogSlice;

/**
 * Sends a {@link LogSlice} with sendfile. A subclass of {@link DefaultFileRegion} because Netty's epoll
 * transport only uses sendfile for that type (an {@code instanceof} check); unlike its parent it does
 * not close the file channel when released, since the channel belongs to the segment, not to us.
 */
final class SliceFileRegion extends DefaultFileRegion {

    SliceFileRegion(LogSlice slice) {
        super(slice.channel(), slice.position(), slice.sizeInBytes());
    }

    @Override
    protected void deallocate() {
        // The segment owns the channel: leave it open.
    }
}
