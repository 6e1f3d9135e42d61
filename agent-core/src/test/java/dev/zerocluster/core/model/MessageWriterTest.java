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

    @Test
    void whatItWritesReadsBackAsTheSameRecords() throws Exception {
        HealthReport report = full();
        assertThat(Json.mapper().readValue(writer.healthReport(report), HealthReport.class)).isEqualTo(report);
    }
}
