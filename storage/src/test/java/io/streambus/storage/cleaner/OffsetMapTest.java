package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetMapTest {

    private static ByteBuffer key(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void remembersTheLatestOffsetPerKeyLikeAHashMap() {
        OffsetMap map = new OffsetMap(100_000);
        Map<String, Long> model = new HashMap<>();
        Random random = new Random(7);
        for (long offset = 0; offset < 3000; offset++) {
            String k = "key" + random.nextInt(2000);
            map.put(key(k), offset);
            model.put(k, offset);
        }
        assertThat(map.size()).isEqualTo(model.size());
        model.forEach((k, offset) -> assertThat(map.get(key(k))).isEqualTo(offset));
        assertThat(map.get(key("absent"))).isEqualTo(-1);
    }

    @Test
    void isBoundedAndReusableAfterClear() {
        OffsetMap map = new OffsetMap(16 * OffsetMap.BYTES_PER_ENTRY);
        assertThat(map.capacity()).isEqualTo(14);
        for (int i = 0; i < 14; i++) {
            map.put(key("k" + i), i);
        }
        map.put(key("k3"), 99); // an existing key still fits
        assertThat(map.isFull()).isTrue();
        assertThatThrownBy(() -> map.put(key("new"), 1)).isInstanceOf(IllegalStateException.class);
        map.clear();
        assertThat(map.get(key("k3"))).isEqualTo(-1);
        map.put(key("new"), 1);
        assertThat(map.get(key("new"))).isEqualTo(1);
    }

    @Test
    void doesNotMoveTheKeysPosition() {
        OffsetMap map = new OffsetMap(1024);
        ByteBuffer k = key("abc");
        map.put(k, 5);
        assertThat(k.remaining()).isEqualTo(3);
        assertThat(map.get(k)).isEqualTo(5);
    }
}
