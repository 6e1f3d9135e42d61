package dev.zerocluster.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming writer gives the very bytes databind ({@link Json#mapper()}) gives, for every field. */
class MessageWriterTest {
    private final MessageWriter writer = new MessageWriter();

    static HealthReport full() {
        return new HealthReport(HealthReport.SCHEMA, new NodeId("zero-a1b2c3d4"), "2026-11-26T18:00:00Z", 41,
                "Raspberry Pi Zero W Rev 1.1", "00000000a1b2c3d4", 5123.4, 0.12, 0.08, 0.02, 1, 48.312, 1000,
                Throttled.decode(0x50005), new HealthReport.Memory(450142208L, 317689856L),
                new HealthReport.Disk("/", 31_000_000_000L, 12_345_678_901L),
                List.of(new HealthReport.Link("usb0", "usb", true, true, "10.42.0.17/24", 1234567L, 7654321L, 0L, 2L),
                        new HealthReport.Link("sl0", "serial", false, false, null, null, null, null, null)),
                new HealthReport.Tweaks("off", "pending-reboot"));
    }

    static Stream<HealthReport> reports() {
        HealthReport f = full();
        List<HealthReport> out = new ArrayList<>();
        out.add(f);
        // Every value null that can be.
        out.add(new HealthReport(HealthReport.SCHEMA, null, null, 0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        // Nested objects with null members, an empty link list, partial throttle flags.
        out.add(new HealthReport(HealthReport.SCHEMA, f.node(), f.ts(), Long.MAX_VALUE, f.model(), f.serial(), 0.0,
                0.0, 0.0, 0.0, null, -3.5, null, Throttled.underVoltageOnly(true), new HealthReport.Memory(null, null),
                new HealthReport.Disk("/", null, null), List.of(), new HealthReport.Tweaks(null, null)));
        out.add(new HealthReport(HealthReport.SCHEMA, f.node(), f.ts(), 1, f.model(), f.serial(), 1.0E-5, 1.0E7,
                123456789.125, Double.MIN_VALUE, Integer.MAX_VALUE, 0.1 + 0.2, Integer.MIN_VALUE, Throttled.unknown(),
                f.memory(), f.disk(), Arrays.asList((HealthReport.Link) null), f.tweaks()));
        // Text that needs escaping: quotes, backslash, control characters, non-ASCII, a surrogate pair.
        out.add(new HealthReport(HealthReport.SCHEMA, f.node(), f.ts(), 2, "Pi \"Zero\" \\ W\n\t\u0001 é ü 🍓",
                "\u007f\u2028", f.uptimeSeconds(), f.load1(), f.load5(), f.load15(), f.cpuCount(), Double.NaN,
                f.cpuFreqMHz(), f.throttled(), f.memory(), f.disk(), f.links(), f.tweaks()));
        // Every control character, the last ASCII ones, the edges of UTF-8's two and three byte forms,
        // and the infinities.
        StringBuilder edges = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            edges.append(c);
        }
        edges.append("~\u007f\u0080\u07ff\u0800\uffff\uD83D\uDE00/");
        out.add(new HealthReport(HealthReport.SCHEMA, f.node(), edges.toString(), Long.MIN_VALUE, edges.toString(),
                "", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 4.9E-324, Integer.MIN_VALUE, 1e21,
                0, f.throttled(), new HealthReport.Memory(Long.MAX_VALUE, Long.MIN_VALUE), f.disk(), f.links(),
                f.tweaks()));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void aHealthReportIsWhatDatabindWrites(HealthReport report) throws Exception {
        byte[] expected = Json.mapper().writeValueAsBytes(report);
        assertThat(new String(writer.healthReport(report), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(writer.healthReport(report)).isEqualTo(expected);
    }

    @Test
    void theBufferIsReusedButEveryPayloadIsACopyOfItsOwn() {
        byte[] first = writer.healthReport(full());
        byte[] again = first.clone();
        writer.healthReport(reports().skip(1).findFirst().orElseThrow());
        assertThat(first).isEqualTo(again);
    }

    @Test
    void statusMessagesAreWhatDatabindWrites() throws Exception {
        for (StatusMessage m : List.of(
                new StatusMessage(StatusMessage.ONLINE, "zero-a1b2c3d4", "2026-11-26T18:00:00.123Z",
                        StatusMessage.REASON_STARTUP, "0.1.0-SNAPSHOT", "3f1b1c36-94e2-4bb8-bf40-77d1e5c6b1aa", 10.0),
                new StatusMessage(StatusMessage.OFFLINE, "zero-a1b2c3d4", "2026-11-26T18:00:00Z",
                        StatusMessage.REASON_CONNECTION_LOST, null, null, 0.5),
                new StatusMessage(StatusMessage.ONLINE, "master", "2026-11-26T18:00:00Z", null, "x\"y", null, null))) {
            assertThat(new String(writer.status(m), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.mapper().writeValueAsBytes(m), StandardCharsets.UTF_8));
        }
    }

    @Test
    void surrogatesPairedOrNotAreEscapedAsDatabindEscapesThem() throws Exception {
        HealthReport f = full();
        HealthReport lone = new HealthReport(HealthReport.SCHEMA, f.node(), f.ts(), 1, "a\uD800b\uD83D\uDE00", "\uDC00",
                f.uptimeSeconds(), f.load1(), f.load5(), f.load15(), f.cpuCount(), f.cpuTempC(), f.cpuFreqMHz(),
                f.throttled(), f.memory(), f.disk(), f.links(), f.tweaks());
        byte[] json = writer.healthReport(lone);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"model\":\"a\\uD800b\\uD83D\\uDE00\"", "\"serial\":\"\\uDC00\"");
        assertThat(json).isEqualTo(Json.mapper().writeValueAsBytes(lone));
        assertThat(Json.mapper().readValue(json, HealthReport.class)).isEqualTo(lone);
    }

    /**
     * The writer's own digits for short decimals ({@code shortDecimal}) against Double.toString, over
     * every value a report's doubles take in practice: loads and uptimes to the hundredth up to
     * 100,000, temperatures to the thousandth from -60 to 150 °C, and random decimals of up to
     * three places up to 10^7, both signs, and at the edges of the range, where Double.toString
     * switches to an exponent.
     */
    @Test
    void shortDecimalsAreWrittenAsDoubleToStringWritesThem() {
        for (long k = 0; k <= 10_000_000; k++) {
            assertDouble(k / 100.0);
        }
        for (long k = -60_000; k <= 150_000; k++) {
            assertDouble(k / 1000.0);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(27);
        double[] scales = {1, 10, 100, 1000};
        for (int i = 0; i < 2_000_000; i++) {
            double scale = scales[random.nextInt(4)];
            double d = random.nextLong(10_000_000L * (long) scale) / scale;
            assertDouble(random.nextBoolean() ? d : -d);
            assertDouble(Double.longBitsToDouble(random.nextLong()));
        }
        for (double d : new double[] {1e-3, 9.99e-4, 0.0009999, 1e7, 9_999_999.999, 9_999_999.9995, 1e7 - 1e-9,
                0.001 + 1e-18, Math.nextUp(1e-3), Math.nextDown(1e-3), Math.nextDown(1e7), 0.0, -0.0, 0.1 + 0.2, 1.005,
                2.675, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertDouble(d);
            assertDouble(-d);
        }
    }

    private void assertDouble(double d) {
        String json = new String(writer.status(new StatusMessage(null, null, null, null, null, null, d)),
                StandardCharsets.UTF_8);
        String text = json.substring(json.lastIndexOf(':') + 1, json.length() - 1);
        String expected = Double.isFinite(d) ? Double.toString(d) : "\"" + d + "\"";
        if (!text.equals(expected)) {
            assertThat(text).as("the text of %s", expected).isEqualTo(expected);
        }
    }

    @Test
    void whatItWritesReadsBackAsTheSameRecords() throws Exception {
        HealthReport report = full();
        assertThat(Json.mapper().readValue(writer.healthReport(report), HealthReport.class)).isEqualTo(report);
    }
}
