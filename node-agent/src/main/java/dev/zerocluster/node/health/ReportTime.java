package dev.zerocluster.node.health;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A report's {@code ts}: the whole second in UTC as {@link Instant#toString()} writes it
 * ({@code 2026-11-27T02:15:47Z}), as ASCII bytes the report's writer copies. The date part is worked
 * out once a day and the time of day from the seconds, instead of
 * {@code DateTimeFormatter.ISO_INSTANT} every report, which built a {@code LocalDateTime} and a
 * {@code StringBuilder} through several layers of java.time (about 3 % of a report's CPU in a
 * profile on the development machine, docs/performance.md); and into bytes rather than a
 * {@code String}, whose constructors are compiled early in the JVM's life, each on a code page of
 * its own that a report then touched after an idle second. Years outside 0000–9999, which ISO 8601
 * writes with a sign, are left to {@link Instant#toString()}. Not thread-safe: one per collector.
 */
final class ReportTime {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01 and 10000-01-01 as days since the epoch. */
    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long END_DAY = LocalDate.of(10_000, 1, 1).toEpochDay();

    private long day = Long.MIN_VALUE;
    /** {@code 2026-11-27T00:00:00Z} of {@link #day}, whose time of day is written over. */
    private final byte[] text = new byte[20];

    /**
     * {@code seconds} since the epoch (from the clock's {@code millis()}, which makes no
     * {@code Instant}), as ASCII: this object's own array, overwritten by the next call.
     */
    byte[] ascii(long seconds) {
        long today = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (today < FIRST_DAY || today >= END_DAY) {
            return Instant.ofEpochSecond(seconds).toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (today != day) {
            byte[] date = (LocalDate.ofEpochDay(today) + "T00:00:00Z").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(date, 0, text, 0, text.length);
            day = today;
        }
        int ofDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        two(11, ofDay / 3600);
        two(14, ofDay / 60 % 60);
        two(17, ofDay % 60);
        return text;
    }

    private void two(int at, int value) {
        text[at] = (byte) ('0' + value / 10);
        text[at + 1] = (byte) ('0' + value % 10);
    }
}
