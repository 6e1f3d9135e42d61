package dev.zerocluster.master.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written time stamp reader agrees with {@link Instant#parse} and refuses what it refuses. */
class MessageIngestTimeTest {

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T21:03:15Z", "2026-11-26T21:03:15.1Z", "2026-11-26T21:03:15.123Z",
        "2026-11-26T21:03:15.123456Z", "2026-11-26T21:03:15.123456789Z", "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.5Z", "2000-03-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "+12026-11-26T21:03:15Z"})
    void agreesWithInstantParse(String ts) {
        assertThat(MessageIngest.epochMicros(ts)).as(ts).isEqualTo(micros(Instant.parse(ts)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26T21:03:15", "2026-02-30T21:03:15Z", "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T21:60:00Z", "2026-11-26T21:03:15.Z",
        "2026-11-26T21:03:15.1234567890Z", "2026-11-26T21:03:1xZ", "2026-11-26 21:03:15Z", "2026-11-26T21:03:15,5Z",
        "2025-02-29T12:00:00Z", "yesterday"})
    void refusesWhatIsNotAnInstant(String ts) {
        assertThat(MessageIngest.epochMicros(ts)).as(ts).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aTimeZoneOffsetGoesThroughInstantParse() {
        String ts = "2026-11-26T22:03:15+01:00";
        assertThat(MessageIngest.epochMicros(ts)).isEqualTo(micros(Instant.parse("2026-11-26T21:03:15Z")));
    }
}
