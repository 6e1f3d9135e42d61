package dev.zerocluster.testbed.loadgen;

import dev.zerocluster.core.cli.CommandFailedException;
import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.core.config.Durations;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code zc-loadgen}: simulates N nodes, each on its own MQTT connection to the broker, each sending
 * its retained {@code online} once and then a health report every interval, the nodes' phases
 * spread evenly over the interval. Prints a line a second and a summary; the master's
 * {@code /api/stats} has the latency.
 */
@Command(name = "zc-loadgen", mixinStandardHelpOptions = true, versionProvider = ExitCodes.Version.class,
        description = "Simulate N zerocluster nodes, one MQTT connection each, reporting health to a broker.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ran for the duration", "1:failure", "2:usage error"})
public final class LoadGenerator implements Callable<Integer> {
    /** Beyond this, ephemeral ports from one address run out before the broker does. */
    static final int MAX_NODES = 25_000;
    private static final long JOIN_MILLIS = 5_000;

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--nodes"}, paramLabel = "N", defaultValue = "100",
            description = "Simulated nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to run, ramp-up included (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Broker address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "1883", description = "Broker port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The cluster's join token; node passwords are derived from it. Without it nodes log in"
                    + " with no password (a master with mqtt.allow-anonymous: true).")
    Path tokenFile;

    @Option(names = "--cluster", defaultValue = "default", description = "Cluster name (default ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--ramp-up", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Connections are opened evenly over this time (default ${DEFAULT-VALUE}).")
    Duration rampUp;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Health interval of every node (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--keepalive", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "MQTT keepalive (default ${DEFAULT-VALUE}, as zc-node's mqtt.keepalive).")
    Duration keepalive;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "A connection without CONNACK after this fails and is retried (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--threads", defaultValue = "1",
            description = "Selector threads sharing the connections (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--id-prefix", defaultValue = "sim-",
            description = "Node ids are this prefix and a five-digit number (default ${DEFAULT-VALUE}).")
    String idPrefix;

    public static void main(String[] args) {
        System.exit(ExitCodes.commandLine(new LoadGenerator(), "zc-loadgen").execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        check();
        Optional<String> token = Optional.empty();
        if (tokenFile != null) {
            token = Credentials.readToken(tokenFile);
            if (token.isEmpty()) {
                throw new CommandFailedException("no join token file at " + tokenFile);
            }
        }
        LoadSettings settings = new LoadSettings(new InetSocketAddress(host, port), nodes, interval, rampUp, keepalive,
                connectTimeout, Duration.ofSeconds(2));
        Topics topics = new Topics(cluster);
        List<List<SimulatedNode>> shares = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes; i++) {
            NodeId id = NodeId.of(idPrefix + String.format("%05d", i));
            String password = token.map(tk -> Credentials.nodePassword(tk, id)).orElse(null);
            shares.get(i % threads).add(new SimulatedNode(i, id, password, topics.nodeStatus(id), topics.nodeHealth(id)));
        }
        Counters counters = new Counters();
        // Every loop shares one origin, so the phases of all nodes interleave evenly.
        long startNanos = System.nanoTime() + 100_000_000L;
        List<EventLoop> loops = new ArrayList<>();
        List<Thread> loopThreads = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            EventLoop loop = new EventLoop(shares.get(t), settings, counters, System::nanoTime, Clock.systemUTC(),
                    startNanos);
            loops.add(loop);
            Thread thread = new Thread(loop, "loadgen-" + t);
            loopThreads.add(thread);
        }
        PrintStream out = System.out;
        out.printf("zc-loadgen: %d nodes -> %s:%d, cluster '%s', every %s, ramp-up %s, for %s, %d thread(s)%n",
                nodes, host, port, cluster, Durations.format(interval), Durations.format(rampUp),
                Durations.format(duration), threads);
        loopThreads.forEach(Thread::start);
        report(counters, startNanos, out);
        loops.forEach(EventLoop::stop);
        for (Thread thread : loopThreads) {
            thread.join(JOIN_MILLIS);
        }
        out.printf("summary nodes=%d seconds=%d connect_attempts=%d connects=%d failures=%d publishes=%d"
                        + " status_publishes=%d acks=%d in_flight=%d missed=%d backpressure=%d pings=%d failure_kinds=%s%n",
                nodes, duration.toSeconds(), counters.connectAttempts.sum(), counters.connects.sum(),
                counters.failureCount(), counters.healthPublishes.sum(), counters.statusPublishes.sum(),
                counters.acks.sum(), inFlight(counters), counters.missed.sum(), counters.backpressure.sum(),
                counters.pings.sum(), counters.failuresByKind());
        return ExitCodes.OK;
    }

    /** A line a second until the duration is over. */
    private void report(Counters counters, long startNanos, PrintStream out) throws InterruptedException {
        long endNanos = startNanos + duration.toNanos();
        long lastConnects = 0;
        long lastPublishes = 0;
        long second = 1;
        while (true) {
            long tick = startNanos + second * 1_000_000_000L;
            long sleepNanos = Math.min(tick, endNanos) - System.nanoTime();
            if (sleepNanos > 0) {
                Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
            }
            if (System.nanoTime() >= endNanos) {
                return;
            }
            long connects = counters.connects.sum();
            long publishes = counters.healthPublishes.sum();
            out.printf("%5ds online %d/%d  connects/s %d  failures %d  publishes %d (%d/s)  acks %d  in flight %d%n",
                    second, counters.online.get(), nodes, connects - lastConnects, counters.failureCount(),
                    publishes, publishes - lastPublishes, counters.acks.sum(), inFlight(counters));
            lastConnects = connects;
            lastPublishes = publishes;
            second++;
        }
    }

    private static long inFlight(Counters counters) {
        return counters.healthPublishes.sum() + counters.statusPublishes.sum() - counters.acks.sum();
    }

    private void check() {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw usage("--nodes must be 1.." + MAX_NODES + ", not " + nodes);
        }
        if (threads < 1 || threads > 64) {
            throw usage("--threads must be 1..64, not " + threads);
        }
        if (port < 1 || port > 65_535) {
            throw usage("--port must be 1..65535, not " + port);
        }
        if (keepalive.toSeconds() < 1 || keepalive.toSeconds() > 0xFFFF) {
            throw usage("--keepalive must be 1s..65535s");
        }
        if (!NodeId.isValid(idPrefix + "00000")) {
            throw usage("--id-prefix '" + idPrefix + "' does not make valid node ids (" + NodeId.RULE + ")");
        }
        if (cluster.isEmpty() || cluster.matches(".*[+#/].*")) {
            throw usage("--cluster '" + cluster + "' is not one topic level");
        }
    }

    /** Thrown from {@link #call}, picocli still treats it as a usage error: message, help, exit 2. */
    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Durations as the daemons' configuration writes them: 500ms, 10s, 2m. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not " + Durations.EXPECTED);
            }
        }
    }
}
