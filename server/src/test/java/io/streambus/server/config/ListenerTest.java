package io.streambus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenerTest {

    @Test
    void parsesNameHostAndPort() {
        Listener listener = Listener.parse("listeners", " plaintext://localhost:9092 ");
        assertThat(listener).isEqualTo(new Listener("PLAINTEXT", "localhost", 9092));
        assertThat(listener.securityProtocol()).isEqualTo(SecurityProtocol.PLAINTEXT);
        assertThat(listener).hasToString("PLAINTEXT://localhost:9092");
    }

    @Test
    void emptyHostAndIpv6() {
        Listener all = Listener.parse("listeners", "SASL_SSL://:9094");
        assertThat(all.host()).isEmpty();
        assertThat(all.isWildcardHost()).isTrue();
        Listener v6 = Listener.parse("listeners", "SSL://[::1]:0");
        assertThat(v6).isEqualTo(new Listener("SSL", "::1", 0));
        assertThat(v6).hasToString("SSL://[::1]:0");
        assertThat(v6.withPort(40_000).port()).isEqualTo(40_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:9092             | expected NAME://host:port",
            "PLAINTEXT://127.0.0.1      | expected NAME://host:port",
            "PLAINTEXT://::1:9092       | expected NAME://host:port",
            "PLAINTEXT://host:abc       | expected NAME://host:port",
            "PLAINTEXT://my host:9092   | expected NAME://host:port",
            "PLAINTEXT://h/x:9092       | expected NAME://host:port",
            "PLAINTEXT://host:70000     | port must be in 0..65535",
            "PLAINTEXT://host:-1        | port must be in 0..65535",
            "PLAINTEXT://[]:9092        | empty IPv6 address",
            "INTERNAL://host:9092       | listener name INTERNAL is not a security protocol; accepted: PLAINTEXT, SSL",
    })
    void rejectsMalformedListenersNamingTheKey(String text, String reason) {
        assertThatThrownBy(() -> Listener.parse("advertised.listeners", text))
                .isInstanceOfSatisfying(ServerConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("advertised.listeners"))
                .hasMessageStartingWith("Invalid listener '" + text + "' in advertised.listeners: ")
                .hasMessageContaining(reason);
    }
}
