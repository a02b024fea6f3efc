package io.streambus.metadata.log.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatisMetadataLogConfigTest {

    @Test
    void parsesControllerQuorumVotersAsKafkaWritesThem() {
        assertThat(RatisMetadataLogConfig.parseVoters("1@127.0.0.1:9093, 2@host-b:9094,3@[::1]:9095"))
                .containsExactly(new QuorumVoter(1, "127.0.0.1", 9093), new QuorumVoter(2, "host-b", 9094),
                        new QuorumVoter(3, "[::1]", 9095));
    }

    @Test
    void badVotersAreNamedInTheMessage() {
        assertThatThrownBy(() -> RatisMetadataLogConfig.parseVoters("1@a:1,two@b:2"))
                .hasMessageContaining("'two@b:2'");
        assertThatThrownBy(() -> QuorumVoter.parse("1@host")).hasMessageContaining("id@host:port");
    }

    @Test
    void theNodeMustBeOneOfTheVotersAndIdsUnique() {
        List<QuorumVoter> voters = RatisMetadataLogConfig.parseVoters("1@a:1,2@b:2");
        assertThatThrownBy(() -> RatisMetadataLogConfig.of(3, voters, Path.of("x")))
                .hasMessageContaining("node.id 3 is not in controller.quorum.voters");
        assertThatThrownBy(() -> RatisMetadataLogConfig.of(1, RatisMetadataLogConfig.parseVoters("1@a:1,1@b:2"),
                Path.of("x"))).hasMessageContaining("twice");
        assertThat(RatisMetadataLogConfig.of(2, voters, Path.of("x")).self()).isEqualTo(new QuorumVoter(2, "b", 2));
    }

    @Test
    void aNodeOutsideTheInitialVotersJoinsButAVoterMustListenWhereTheListSays() {
        List<QuorumVoter> voters = RatisMetadataLogConfig.parseVoters("1@a:1,2@b:2");
        RatisMetadataLogConfig joining = RatisMetadataLogConfig.of(new QuorumVoter(3, "c", 3), voters, Path.of("x"));
        assertThat(joining.joining()).isTrue();
        assertThat(RatisMetadataLogConfig.of(1, voters, Path.of("x")).joining()).isFalse();
        assertThatThrownBy(() -> RatisMetadataLogConfig.of(new QuorumVoter(2, "b", 9), voters, Path.of("x")))
                .hasMessageContaining("node.id 2 is 2@b:2 in controller.quorum.voters but its Raft server listens on b:9");
    }
}
