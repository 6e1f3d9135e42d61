package dev.zerocluster.node.cli;

import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.node.tweaks.PowerTweaks;
import dev.zerocluster.node.tweaks.TweakResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tweaks", mixinStandardHelpOptions = true,
        description = {"Apply, revert or show the power tweaks (HDMI, ACT LED).",
            "apply: what tweaks.hdmi and tweaks.act-led say (zc-node run does this at start); revert: HDMI back on,"
                + " the LED back to its earlier trigger; status: how they are now. Under the KMS display driver HDMI"
                + " changes at the next boot and shows as pending-reboot until then.",
            "Exits 1 when apply or revert could not bring a tweak where asked."})
final class TweaksCommand implements Callable<Integer> {
    enum Action { apply, revert, status }

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "apply, revert or status")
    Action action;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PowerTweaks tweaks = new NodeWiring(NodeConfigs.load(options)).powerTweaks();
        List<TweakResult> results = switch (action) {
            case apply -> tweaks.apply();
            case revert -> tweaks.revert();
            case status -> tweaks.status();
        };
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (TweakResult r : results) {
            if (r.ok() || action == Action.status) {
                out.println(r.line());
            } else {
                err.println("zc-node: tweaks " + action + ": " + r.line());
                failed = true;
            }
        }
        out.flush();
        err.flush();
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
