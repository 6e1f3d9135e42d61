package dev.zerocluster.master.config;

import dev.zerocluster.core.config.CommonKeys;
import dev.zerocluster.core.config.ConfigReader;
import dev.zerocluster.master.broker.BrokerConfig;
import dev.zerocluster.master.dashboard.HttpConfig;
import dev.zerocluster.master.join.JoinConfig;
import dev.zerocluster.master.link.serial.SerialPortConfig;
import dev.zerocluster.master.outputs.OutputsConfig;
import dev.zerocluster.master.registry.RegistryConfig;
import java.nio.file.Path;
import java.util.List;

public record MasterConfig(
        String cluster,
        Path systemRoot,
        BrokerConfig broker,
        Path stateDir,
        HttpConfig http,
        JoinConfig join,
        List<SerialPortConfig> serialPorts,
        OutputsConfig outputs,
        Path sshPublicKey,
        RegistryConfig registry) {

    public static final Path DEFAULT_FILE = Path.of("/etc/zerocluster/master.yaml");

    public static MasterConfig load(Path file, List<String> overrides) {
        ConfigReader r = ConfigReader.load(file, overrides);
        MasterConfig config = new MasterConfig(
                CommonKeys.cluster(r),
                CommonKeys.systemRoot(r),
                BrokerConfig.read(r),
                CommonKeys.path(r, "state.dir", Path.of("/var/lib/zerocluster")),
                HttpConfig.read(r),
                JoinConfig.read(r),
                SerialPortConfig.readAll(r),
                OutputsConfig.read(r),
                CommonKeys.path(r, "ssh.public-key", Path.of("/home/pi/.ssh/id_rsa.pub")),
                RegistryConfig.read(r));
        r.finish();
        return config;
    }
}
