package dev.zerocluster.bench;

import dev.zerocluster.core.model.HealthReport;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.MessageWriter;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.health.HealthCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full health report against a fake board tree, as {@code zc-node} makes it every
 * {@code health.interval}: {@code collectAndSerialize} reads and parses every source and writes
 * the JSON payload that is published, straight into the writer's buffer
 * ({@link HealthCollector#report}). {@code serialize} and {@code serializeDatabind} write one
 * report, read back into a {@link HealthReport} beforehand, with {@link MessageWriter} and with
 * databind: the writers alone. Run from the repository root (the tree paths are relative to it);
 * add {@code -prof gc} for bytes allocated per report ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx64m"})
@State(Scope.Thread)
public class HealthCollectionBenchmark {
    @Param({"pi-zero-w-buster", "pi-zero-2w-bookworm"})
    public String board;

    @Param("node-agent/src/test/resources/health")
    public String trees;

    private HealthCollector collector;
    private final MessageWriter writer = new MessageWriter();
    private HealthReport report;
    private long seq;

    @Setup
    public void setUp() {
        Path caseDir = Path.of(trees, board);
        NodeConfig config = NodeConfig.load(caseDir.resolve("node.yaml"),
                List.of("system.root=" + caseDir.resolve("root").toAbsolutePath()));
        collector = HealthCollector.create(new SystemRoot(config.systemRoot()), config.nodeId(),
                config.reportedLinks(), new ProcessCommandRunner(), Clock.systemUTC());
        try {
            report = Json.mapper().readValue(collector.report(0), HealthReport.class);
        } catch (IOException e) {
            throw new IllegalStateException("the collector's report does not read back", e);
        }
    }

    @Benchmark
    public byte[] collectAndSerialize() {
        return collector.report(seq++);
    }

    @Benchmark
    public byte[] serialize() {
        return writer.healthReport(report);
    }

    @Benchmark
    public byte[] serializeDatabind() throws Exception {
        return Json.mapper().writeValueAsBytes(report);
    }
}
