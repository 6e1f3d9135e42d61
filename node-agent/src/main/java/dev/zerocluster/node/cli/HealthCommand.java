package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.node.health.HealthCollector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Collect one health report and print it as JSON.")
final class HealthCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        byte[] report;
        try (HealthCollector collector = new NodeWiring(NodeConfigs.load(options)).healthCollector()) {
            report = collector.report(0);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(report)));
        out.flush();
        return 0;
    }
}
