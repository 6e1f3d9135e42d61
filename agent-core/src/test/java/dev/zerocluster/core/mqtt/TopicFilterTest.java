package dev.zerocluster.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {
    @ParameterizedTest
    @CsvSource({
        "a/b/c, a/b/c, true",
        "a/b/c, a/b/d, false",
        "a/+/c, a/b/c, true",
        "a/+/c, a/b/x/c, false",
        "a/+, a/b, true",
        "a/+, a/b/c, false",
        "a/#, a/b/c, true",
        "a/#, a, true",
        "#, a/b, true",
        "zerocluster/default/nodes/+/health, zerocluster/default/nodes/zero-1/health, true",
        "zerocluster/default/nodes/+/health, zerocluster/default/nodes/zero-1/status, false",
        "a/b, a/b/c, false",
        "a/b/c, a/b, false",
    })
    void matchesAsMqtt311Says(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.matches(filter, topic)).isEqualTo(expected);
    }
}
