package dev.zerocluster.testbed.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.NodeId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedBoardTest {
    /** Every field of the schema 1 example in SPEC §4. */
    private static final List<String> FIELDS = List.of("schema", "node", "ts", "seq", "model", "serial",
            "uptimeSeconds", "load1", "load5", "load15", "cpuCount", "cpuTempC", "cpuFreqMHz", "throttled", "memory",
            "disk", "links", "tweaks");

    @Test
    void everyFieldOfTheSchemaHasAPlausibleValue() throws Exception {
        for (int index = 0; index < 40; index++) {
            SimulatedBoard board = new SimulatedBoard(NodeId.of("sim-" + index), index);
            HealthReport report = board.next("2026-11-26T18:00:00.123Z", 5);
            JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(report));

            List<String> names = new ArrayList<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            assertThat(names).containsExactlyElementsOf(FIELDS);
            assertThat(report.schema()).isEqualTo(1);
            assertThat(report.model()).startsWith("Raspberry Pi Zero");
            assertThat(report.serial()).matches("[0-9a-f]{16}");
            assertThat(report.cpuCount()).isIn(1, 4);
            assertThat(report.cpuTempC()).isBetween(35.0, 70.0);
            assertThat(report.cpuFreqMHz()).isIn(600, 700, 1000);
            assertThat(report.load1()).isBetween(0.0, 4.0);
            assertThat(report.uptimeSeconds()).isGreaterThan(3_600.0);
            assertThat(report.throttled().raw()).isNotNull();
            assertThat(report.memory().availableBytes()).isBetween(0L, report.memory().totalBytes());
            assertThat(report.disk().freeBytes()).isBetween(0L, report.disk().totalBytes());
            assertThat(report.links()).isNotEmpty();
            assertThat(report.links().get(0).address()).matches("10\\.42\\.\\d+\\.\\d+/16");
            assertThat(report.tweaks().hdmi()).isEqualTo("off");
        }
    }

    @Test
    void valuesDriftAndCountersGrowFromReportToReport() {
        SimulatedBoard board = new SimulatedBoard(NodeId.of("sim-7"), 7);
        HealthReport first = board.next("2026-11-26T18:00:00.000Z", 1);
        HealthReport second = board.next("2026-11-26T18:00:01.000Z", 2);

        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.uptimeSeconds()).isEqualTo(first.uptimeSeconds() + 1, org.assertj.core.data.Offset.offset(0.02));
        assertThat(second.links().get(0).rxBytes()).isGreaterThan(first.links().get(0).rxBytes());
        assertThat(second.links().get(0).txBytes()).isGreaterThan(first.links().get(0).txBytes());
    }

    @Test
    void theSameIndexGivesTheSameBoard() {
        HealthReport a = new SimulatedBoard(NodeId.of("sim-3"), 3).next("t", 1);
        HealthReport b = new SimulatedBoard(NodeId.of("sim-3"), 3).next("t", 1);
        assertThat(a).isEqualTo(b);
    }
}
