package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.node.setup.NodeSetup;
import dev.zerocluster.node.setup.SetupPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Make the boot and OS configuration the node needs: USB gadget Ethernet with MACs pinned to"
                + " the board serial, the DHCP profile for it, the UART for the serial link, HDMI at boot.",
            "Prints each change and when it takes effect; a second run changes nothing."})
final class SetupCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--dry-run", description = "Print the changes without making them.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        NodeSetup setup = new NodeWiring(NodeConfigs.load(options)).nodeSetup();
        SetupPlan plan = setup.plan();
        PrintWriter out = spec.commandLine().getOut();
        plan.print(out);
        if (!dryRun) {
            try {
                plan.apply();
            } catch (AccessDeniedException e) {
                throw new CommandFailedException("cannot write " + e.getFile() + ": permission denied (run zc-node setup"
                        + " as root: sudo zc-node setup)", e);
            }
        }
        plan.printOutcome(out, !dryRun);
        return 0;
    }
}
