package dev.zerocluster.master.cli;

import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.core.cli.ConfigOptions;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.master.broker.MasterSecret;
import dev.zerocluster.master.broker.MosquittoFiles;
import dev.zerocluster.master.config.BindAddress;
import dev.zerocluster.master.config.MasterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "mosquitto-config", mixinStandardHelpOptions = true,
        description = {
            "Write a password file, an ACL file and a conf.d snippet that make Debian's Mosquitto the"
                    + " cluster's broker instead of the one embedded in zc-master.",
            "Mosquitto cannot work out a node's password from the join token as the embedded broker does,"
                    + " so every node must be named with --node: when a node is added, run this again with"
                    + " all ids and the new one."})
final class MosquittoConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write zerocluster.passwd, zerocluster.acl and zerocluster.conf into.")
    Path out;

    @Option(names = "--node", paramLabel = "ID", split = ",",
            description = "A node that may log in (repeatable, or comma-separated).")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "Port Mosquitto listens on (default ${DEFAULT-VALUE}).")
    int port = MosquittoFiles.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address Mosquitto listens on (default: every interface, as nodes reach it over the"
                    + " bridge).")
    String bind;

    @Option(names = "--install-dir", paramLabel = "DIR",
            description = "Where Mosquitto will read the password and ACL files from; the snippet names them"
                    + " there (default ${DEFAULT-VALUE}).")
    Path installDir = MosquittoFiles.DEFAULT_INSTALL_DIR;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        MasterConfig config = MasterConfig.load(options.file(MasterConfig.DEFAULT_FILE), options.overrides());
        List<NodeId> ids = nodeIds();
        MosquittoFiles.Listener listener = listener();
        if (!installDir.isAbsolute()) {
            throw new ParameterException(spec.commandLine(), "--install-dir must be an absolute path: " + installDir);
        }
        Path tokenFile = config.broker().joinTokenFile();
        String token = Credentials.readToken(tokenFile).orElseThrow(() -> new CommandFailedException(
                "no join token at " + tokenFile + " (mqtt.join-token-file). Node passwords are derived from it:"
                        + " create it with at least " + Credentials.MIN_TOKEN_LENGTH + " random characters, e.g."
                        + " `openssl rand -hex 32 > " + tokenFile + "`, put the same file on every node's SD card,"
                        + " and run this again."));
        String secret;
        try {
            secret = MasterSecret.loadOrCreate(config.stateDir());
        } catch (IOException e) {
            throw new CommandFailedException("cannot read or create the master's broker password in "
                    + config.stateDir() + " (state.dir): " + describe(e), e);
        }
        MosquittoFiles.Written written;
        try {
            // Absolute, so that the install commands printed below work from any directory.
            Path outDir = Files.createDirectories(out).toAbsolutePath();
            written = new MosquittoFiles(config.cluster(), token, secret, new SecureRandom())
                    .writeTo(outDir, ids, listener, installDir);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write the Mosquitto files into " + out + ": " + describe(e), e);
        }
        report(config, written, listener);
        return 0;
    }

    /** NIO's messages are often the bare path; the exception's name says what went wrong with it. */
    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    private List<NodeId> nodeIds() {
        List<NodeId> ids = new ArrayList<>();
        for (String node : nodes) {
            if (!NodeId.isValid(node)) {
                throw new ParameterException(spec.commandLine(), "--node '" + node + "' is not " + NodeId.RULE);
            }
            ids.add(NodeId.of(node));
        }
        return ids;
    }

    private MosquittoFiles.Listener listener() {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not between 1 and 65535");
        }
        if (bind == null) {
            return new MosquittoFiles.Listener(port, Optional.empty());
        }
        try {
            return new MosquittoFiles.Listener(port, Optional.of(BindAddress.parse(bind)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bind '" + bind + "' is not " + BindAddress.EXPECTED);
        }
    }

    private void report(MasterConfig config, MosquittoFiles.Written written, MosquittoFiles.Listener listener) {
        PrintWriter w = spec.commandLine().getOut();
        Path passwd = installDir.resolve(MosquittoFiles.PASSWORD_FILE);
        Path acl = installDir.resolve(MosquittoFiles.ACL_FILE);
        String host = listener.bind().filter(b -> !b.equals("0.0.0.0") && !b.equals("::")).orElse("127.0.0.1");
        w.printf("Mosquitto files for cluster '%s' (users %s and %s):%n", config.cluster(),
                Credentials.MASTER_USER, written.nodes().isEmpty() ? "no node"
                        : written.nodes().size() + " node(s): " + String.join(", ",
                        written.nodes().stream().map(NodeId::value).toList()));
        w.printf("  %s  password hashes, master password from %s%n", written.passwordFile(),
                config.stateDir().resolve(MasterSecret.FILE_NAME));
        w.printf("  %s  who may publish and read what%n", written.aclFile());
        w.printf("  %s  listener on port %d, %s%n", written.confFile(), listener.port(),
                listener.bind().map(b -> "address " + b).orElse("every interface"));
        w.printf("%nTo use them (Debian: apt-get install mosquitto):%n");
        // Debian's mosquitto reads these files after dropping root for user mosquitto (v2.0.11:
        // drop_privileges before mosquitto_security_init), so the password file must be in its group.
        w.printf("  sudo install -m 0640 -o root -g mosquitto %s %s%n", written.passwordFile(), passwd);
        w.printf("  sudo install -m 0644 %s %s%n", written.aclFile(), acl);
        w.printf("  sudo install -m 0644 %s /etc/mosquitto/conf.d/%s%n", written.confFile(), MosquittoFiles.CONF_FILE);
        w.printf("  sudo systemctl restart mosquitto%n");
        if (config.broker().embedded()) {
            w.printf("and in the master's configuration: mqtt.embedded.enabled: false, mqtt.url: tcp://%s:%d%n",
                    host, listener.port());
        } else {
            w.printf("zc-master connects to %s (mqtt.url).%n", config.broker().url().orElseThrow());
        }
        w.printf("%nWith Mosquitto every node must be listed: it cannot work out a node's password from the join"
                + " token as the embedded broker does. When a node is added, run this again with all ids and the"
                + " new one, install the password file again and run `sudo systemctl reload mosquitto`.%n");
        if (written.nodes().isEmpty()) {
            w.printf("No --node given: only the master can log in for now.%n");
        }
        w.flush();
    }
}
