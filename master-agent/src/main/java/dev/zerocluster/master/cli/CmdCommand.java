package dev.zerocluster.master.cli;

import dev.zerocluster.core.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cmd", mixinStandardHelpOptions = true, description = "Send a command to a node and print its reply.")
final class CmdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NODE", description = "The node id.")
    String node;

    @Parameters(index = "1", paramLabel = "ACTION", description = "ping, reboot, shutdown, tweaks or rejoin.")
    String action;

    @Option(names = "--url", paramLabel = "URL", description = "The master's HTTP address (default http://127.0.0.1:8080).")
    String url = "http://127.0.0.1:8080";

    @Override
    public Integer call() {
        return ExitCodes.notYetAvailable("zc-master cmd");
    }
}
