package io.streambus.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    private final KeySuggester suggester = new KeySuggester(List.of("num.partitions", "log.dirs", "listeners",
            "log.retention.ms", "node.id"));

    @Test
    void typosTranspositionsAndMissingLetters() {
        assertThat(suggester.suggest("num.partition")).contains("num.partitions");
        assertThat(suggester.suggest("nmu.partitions")).contains("num.partitions");
        assertThat(suggester.suggest("log.dir")).contains("log.dirs");
        assertThat(suggester.suggest("listener")).contains("listeners");
    }

    @Test
    void environmentSpellingAndTopicNames() {
        assertThat(suggester.suggest("NUM_PARTITIONS")).contains("num.partitions");
        assertThat(suggester.suggest("retention.ms")).contains("log.retention.ms");
    }

    @Test
    void nothingForUnrelatedNames() {
        assertThat(suggester.suggest("colour")).isEmpty();
        assertThat(suggester.suggest("node.name")).isEmpty();
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertThat(KeySuggester.distance("ab", "ba")).isEqualTo(1);
        assertThat(KeySuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggester.distance("", "abc")).isEqualTo(3);
    }
}
