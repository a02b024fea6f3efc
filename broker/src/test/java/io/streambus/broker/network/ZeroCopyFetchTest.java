package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.FileRegion;
import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.broker.api.LogSliceRecords;

/** Records backed by a segment file reach the client intact, by sendfile or by copy, and the file stays open. */
class ZeroCopyFetchTest {

    private static final short VERSION = 12;
    private static final int JUNK_BYTES = 123;

    @TempDir
    Path dir;
    private FileChannel segment;
    private byte[] first;
    private byte[] second;
    private FileLogSlice firstSlice;
    private FileLogSlice secondSlice;

    @BeforeEach
    void writeSegment() throws IOException {
        first = batch(0, 300, 'a');
        second = batch(300, 500, 'b');
        segment = FileChannel.open(dir.resolve("00000000000000000000.log"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        segment.write(ByteBuffer.wrap(new byte[JUNK_BYTES]));
        segment.write(ByteBuffer.wrap(first));
        segment.write(ByteBuffer.wrap(second));
        firstSlice = new FileLogSlice(segment, JUNK_BYTES, first.length, 0);
        secondSlice = new FileLogSlice(segment, JUNK_BYTES + first.length, second.length, 300);
    }

    @AfterEach
    void closeSegment() throws IOException {
        segment.close();
    }

    @Test
    void fetchOverPlaintextSendsSlicesIntact() throws Exception {
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(TestHandlers.fetch((context, request) -> CompletableFuture.completedFuture(response())))
                .build();
        try (TestServer server = new TestServer(registry); RawClient client = server.connect()) {
            for (int round = 1; round <= 3; round++) {
                client.send(RawClient.header(ApiKeys.FETCH, VERSION, round), new FetchRequestData().setMaxWaitMs(0)
                        .setTopics(List.of(new FetchRequestData.FetchTopic().setTopic("orders"))));
                RawClient.Response received = client.receive(ApiKeys.FETCH, VERSION);
                assertThat(received.correlationId()).isEqualTo(round);
                assertIntact(new FetchResponseData(received.readable(), VERSION));
            }
        }
        assertThat(segment.isOpen()).as("the segment's channel must survive the sends").isTrue();
    }

    @Test
    void sendfileModeEmitsRegionsBetweenBuffers() throws IOException {
        List<Object> pieces = serialise(false);
        assertThat(pieces).hasSize(5);
        assertThat(pieces.get(1)).isInstanceOf(SliceFileRegion.class);
        assertThat(pieces.get(3)).isInstanceOf(SliceFileRegion.class);
        assertIntact(parse(reassemble(pieces)));
        assertThat(segment.isOpen()).isTrue();
    }

    @Test
    void copyModeForTlsReadsSlicesIntoOneBuffer() throws IOException {
        List<Object> pieces = serialise(true);
        assertThat(pieces).hasSize(1).first().isInstanceOf(ByteBuf.class);
        assertIntact(parse(reassemble(pieces)));
    }

    private List<Object> serialise(boolean copy) {
        FetchResponseData body = response();
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        body.addSize(size, cache, VERSION);
        List<Object> pieces = new ArrayList<>();
        ByteBufWritable writable = new ByteBufWritable(UnpooledByteBufAllocator.DEFAULT,
                copy ? size.totalSize() : size.sizeExcludingZeroCopy(), copy, pieces);
        body.write(writable, cache, VERSION);
        writable.finish();
        return pieces;
    }

    private static byte[] reassemble(List<Object> pieces) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        WritableByteChannel sink = java.nio.channels.Channels.newChannel(bytes);
        for (Object piece : pieces) {
            if (piece instanceof ByteBuf buf) {
                buf.readBytes(bytes, buf.readableBytes());
                buf.release();
            } else {
                FileRegion region = (FileRegion) piece;
                while (region.transferred() < region.count()) {
                    region.transferTo(sink, region.transferred());
                }
                region.release();
            }
        }
        return bytes.toByteArray();
    }

    private static FetchResponseData parse(byte[] bytes) {
        return new FetchResponseData(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), VERSION);
    }

    private FetchResponseData response() {
        return new FetchResponseData().setResponses(List.of(new FetchResponseData.FetchableTopicResponse()
                .setTopic("orders")
                .setPartitions(List.of(
                        new FetchResponseData.PartitionData().setPartitionIndex(0).setHighWatermark(300)
                                .setRecords(new LogSliceRecords(firstSlice)),
                        new FetchResponseData.PartitionData().setPartitionIndex(1).setHighWatermark(800)
                                .setRecords(new LogSliceRecords(secondSlice))))));
    }

    private void assertIntact(FetchResponseData response) {
        List<FetchResponseData.PartitionData> partitions = response.responses().getFirst().partitions();
        assertThat(partitions).hasSize(2);
        assertThat(bytesOf(partitions.get(0))).isEqualTo(first);
        assertThat(bytesOf(partitions.get(1))).isEqualTo(second);
        assertThat(partitions.get(1).highWatermark()).isEqualTo(800);
    }

    private static byte[] bytesOf(FetchResponseData.PartitionData partition) {
        ByteBuffer buffer = ((MemoryRecords) partition.records()).buffer().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A v2 batch of {@code count} records, ~100 KiB, so sendfile needs several writes. */
    private static byte[] batch(long baseOffset, int count, char fill) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(("key-" + i).getBytes(), String.valueOf(fill).repeat(300).getBytes());
        }
        ByteBuffer buffer = MemoryRecords.withRecords(baseOffset, Compression.NONE, records).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
