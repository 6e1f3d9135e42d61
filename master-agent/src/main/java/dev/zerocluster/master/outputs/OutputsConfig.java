package dev.zerocluster.master.outputs;

import dev.zerocluster.core.config.CommonKeys;
import dev.zerocluster.core.config.ConfigReader;
import java.nio.file.Path;

public record OutputsConfig(Path machinefile, boolean includeMaster, Path hostsFile) {

    public static OutputsConfig read(ConfigReader r) {
        return new OutputsConfig(
                CommonKeys.path(r, "mpi.machinefile", Path.of("/etc/zerocluster/machinefile")),
                r.bool("mpi.include-master", true),
                CommonKeys.path(r, "hosts.file", Path.of("/etc/zerocluster/hosts")));
    }
}
