package dev.zerocluster.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 2h}. */
public final class Durations {
    public static final String EXPECTED = "a duration such as 500ms, 10s, 2m or 1h";
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h)");
    private static final Duration MAX = Duration.ofDays(1);

    private Durations() {
    }

    /** A positive duration of at most a day; {@link IllegalArgumentException} otherwise. */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        double amount = Double.parseDouble(m.group(1));
        long millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        Duration d = Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000));
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("more than zero and at most 24h");
        }
        return d;
    }

    /** The shortest exact form: 10s, 500ms, 2m. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
