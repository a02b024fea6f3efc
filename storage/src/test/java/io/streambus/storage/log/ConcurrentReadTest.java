package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.testing.TestBatches;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.junit.jupiter.api.Test;

/** Readers run without locks while the writer appends and rolls: they must only ever see whole, valid batches. */
class ConcurrentReadTest extends LogTestSupport {

    @Test
    void readersSeeWholeValidBatchesWhileTheWriterAppendsAndRolls() throws Exception {
        open(CONFIG.withSegmentBytes(4096).withIndexIntervalBytes(256));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            Random random = new Random(r);
            readers[r] = Thread.ofPlatform().start(() -> {
                try {
                    while (!done.get()) {
                        long end = log.logEndOffset();
                        long offset = end == 0 ? 0 : random.nextLong(end + 1);
                        ReadResult result = log.read(new ReadRequest(offset, 1 + random.nextInt(3000), Long.MAX_VALUE, true));
                        ReadResult.Records records = (ReadResult.Records) result;
                        List<MutableRecordBatch> batches = TestBatches.parse(bytes(records));
                        if (offset < records.logEndOffset()) {
                            assertThat(batches).isNotEmpty();
                            assertThat(batches.get(0).baseOffset()).isLessThanOrEqualTo(offset);
                            assertThat(batches.get(0).lastOffset()).isGreaterThanOrEqualTo(offset);
                        }
                        for (int i = 1; i < batches.size(); i++) {
                            assertThat(batches.get(i).baseOffset()).isEqualTo(batches.get(i - 1).lastOffset() + 1);
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
        }
        for (int i = 0; i < 2000; i++) {
            append(log, 1 + i % 4);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(log.segmentCount()).isGreaterThan(10);
    }
}
