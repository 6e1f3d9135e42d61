package dev.zerocluster.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.MessageWriter;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/health/} is a board: a fake {@code system.root} in
 * the real file formats, its {@code node.yaml}, and the report it must give in
 * {@code expected.json}. A new case is a new folder. The trees are read from the source folder, not
 * the class path, because Maven's resource copy drops the executable bit of {@code vcgencmd}.
 */
class HealthCasesTest {
    static final Path CASES = Path.of("src/test/resources/health");
    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(d -> Files.exists(d.resolve("expected.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Builds the collector the way zc-node does, from the case's node.yaml. */
    static HealthCollector collectorFor(Path caseDir) {
        NodeConfig config = NodeConfig.load(caseDir.resolve("node.yaml"),
                List.of("system.root=" + caseDir.resolve("root").toAbsolutePath()));
        return HealthCollector.create(new SystemRoot(config.systemRoot()), config.nodeId(), config.reportedLinks(),
                new ProcessCommandRunner(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportMatchesTheTree(String name) throws IOException {
        Path caseDir = CASES.resolve(name);
        ObjectNode actual = (ObjectNode) Json.mapper().readTree(collectorFor(caseDir).report(41));
        JsonNode expected = Json.mapper().readTree(caseDir.resolve("expected.json").toFile());

        // The disk is the real file system under the tree, so its figures come from statvfs now.
        FileStore store = Files.getFileStore(caseDir.resolve("root"));
        JsonNode disk = actual.remove("disk");
        assertThat(disk.get("path").asText()).isEqualTo("/");
        assertThat(disk.get("totalBytes").asLong()).isEqualTo(store.getTotalSpace());
        assertThat(disk.get("freeBytes").asLong()).isPositive().isLessThanOrEqualTo(store.getTotalSpace());
        ((ObjectNode) expected).remove("disk");

        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
        // Every field of SPEC §4 is present, null or not.
        assertThat(actual.fieldNames()).toIterable().containsExactly("schema", "node", "ts", "seq", "model",
                "serial", "uptimeSeconds", "load1", "load5", "load15", "cpuCount", "cpuTempC", "cpuFreqMHz",
                "throttled", "memory", "links", "tweaks");
    }

    /**
     * zc-node writes its report straight from the files: the very bytes databind writes for the
     * same {@link HealthReport} (the master reads them into one), and the record's writer agrees.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePublishedBytesAreWhatDatabindWrites(String name) throws IOException {
        Path caseDir = CASES.resolve(name);
        byte[] published = collectorFor(caseDir).report(41);
        HealthReport report = Json.mapper().readValue(published, HealthReport.class);

        assertThat(new String(published, StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.mapper().writeValueAsBytes(report), StandardCharsets.UTF_8))
                .isEqualTo(new String(new MessageWriter().healthReport(report), StandardCharsets.UTF_8));

        ObjectNode actual = (ObjectNode) Json.mapper().readTree(published);
        ObjectNode expected = (ObjectNode) Json.mapper().readTree(caseDir.resolve("expected.json").toFile());
        actual.remove("disk");
        expected.remove("disk");
        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSecondReportReadsTheFilesAgain(String name) throws IOException {
        Path caseDir = CASES.resolve(name);
        HealthCollector collector = collectorFor(caseDir);
        HealthReport first = Json.mapper().readValue(collector.report(1), HealthReport.class);
        HealthReport second = Json.mapper().readValue(collector.report(2), HealthReport.class);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.cpuTempC()).isEqualTo(first.cpuTempC());
        assertThat(second.links()).isEqualTo(first.links());
        assertThat(second.throttled()).isEqualTo(first.throttled());
    }
}
