package dev.zerocluster.master.cli;

import dev.zerocluster.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster as the running master sees it.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--url", paramLabel = "URL", description = "The master's HTTP address (default http://127.0.0.1:8080).")
    String url = "http://127.0.0.1:8080";

    @Override
    public Integer call() {
        return ExitCodes.notYetAvailable("zc-master status");
    }
}
