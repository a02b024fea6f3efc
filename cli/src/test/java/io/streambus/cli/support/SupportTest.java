package io.streambus.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.cli.consume.RecordTemplate;
import io.streambus.cli.consume.StartPosition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SupportTest {

    @Test
    void durationsInOperatorUnits() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void pacerSpacesEventsAndDoesNotBurstAfterFallingBehind() {
        AtomicLong now = new AtomicLong(0);
        RatePacer pacer = new RatePacer(10, now::get);
        assertThat(pacer.reserveNs()).isZero();
        assertThat(pacer.reserveNs()).isEqualTo(100_000_000L);
        now.set(1_000_000_000L);
        assertThat(pacer.reserveNs()).isZero();
        assertThat(pacer.reserveNs()).isZero();
        assertThat(pacer.reserveNs()).isEqualTo(100_000_000L);
        assertThat(new RatePacer(0, now::get).reserveNs()).isZero();

        // At 1,000/s a late caller may catch up by 10 ms: ten events plus the due one at once, then spacing again.
        RatePacer fast = new RatePacer(1_000, now::get);
        fast.reserveNs();
        now.addAndGet(50_000_000L);
        for (int i = 0; i < 11; i++) {
            assertThat(fast.reserveNs()).isZero();
        }
        assertThat(fast.reserveNs()).isEqualTo(1_000_000L);
    }

    @Test
    void templatesFormatEveryFieldWithEscapes() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 2, 7L, "k".getBytes(), "v".getBytes());
        record.headers().add(new RecordHeader("h", "1".getBytes())).add(new RecordHeader("g", "2".getBytes()));
        StringBuilder out = new StringBuilder();
        RecordTemplate.compile("{topic}/{partition}@{offset} {timestamp} {key}={value} {headers}\\t\\n").format(record, out);
        assertThat(out).hasToString("t/2@7 -1 k=v h=1,g=2\t\n");
        assertThatThrownBy(() -> RecordTemplate.compile("{value"))
                .isInstanceOf(CliException.class).hasMessage("Unclosed '{' in template '{value'");
    }

    @Test
    void startPositions() {
        assertThat(StartPosition.parse("beginning")).isEqualTo(new StartPosition.Beginning());
        assertThat(StartPosition.parse("end")).isEqualTo(new StartPosition.End());
        assertThat(StartPosition.parse("42")).isEqualTo(new StartPosition.Offset(42));
        assertThat(StartPosition.parse("@1000")).isEqualTo(new StartPosition.Timestamp(1000));
        assertThat(StartPosition.parse("@1970-01-01T00:00:02Z")).isEqualTo(new StartPosition.Timestamp(2000));
        assertThatThrownBy(() -> StartPosition.parse("-3")).isInstanceOf(TypeConversionException.class);
    }
}
