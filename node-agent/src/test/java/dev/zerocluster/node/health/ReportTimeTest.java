package dev.zerocluster.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A report's ts is what {@code Instant.truncatedTo(SECONDS).toString()} writes, for any instant. */
class ReportTimeTest {
    private final ReportTime time = new ReportTime();

    private void same(Instant instant) {
        assertThat(new String(time.ascii(instant.getEpochSecond()), StandardCharsets.US_ASCII)).as("%s", instant).isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Test
    void secondsAcrossDaysYearsAndLeapDays() {
        for (String s : new String[] {"2026-11-27T02:15:47.999Z", "2026-11-27T23:59:59Z", "2026-11-28T00:00:00Z",
                "2028-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            same(Instant.parse(s));
        }
        // Every second of a day boundary in order, as a running node sees them, and back (an NTP step).
        Instant start = Instant.parse("2026-12-31T23:59:50Z");
        for (int i = 0; i < 20; i++) {
            same(start.plusSeconds(i));
        }
        same(Instant.parse("2026-01-01T08:00:00Z"));
    }

    @Test
    void randomInstantsOverTenThousandYears() {
        SplittableRandom random = new SplittableRandom(27);
        long from = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            same(Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000)));
        }
    }
}
