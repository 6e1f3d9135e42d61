package dev.zerocluster.master.daemon;

import dev.zerocluster.core.system.DaemonThreads;
import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.StatusMessage;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.MqttSession;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.master.broker.AccessPolicy;
import dev.zerocluster.master.broker.BrokerAuthenticator;
import dev.zerocluster.master.broker.EmbeddedBroker;
import dev.zerocluster.master.broker.MasterSecret;
import dev.zerocluster.master.broker.Presence;
import dev.zerocluster.master.broker.Publications;
import dev.zerocluster.master.config.MasterConfig;
import dev.zerocluster.master.dashboard.HttpApi;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.master.join.BridgeNetwork;
import dev.zerocluster.master.join.DhcpReservations;
import dev.zerocluster.master.join.Dnsmasq;
import dev.zerocluster.master.join.IpLinkMonitor;
import dev.zerocluster.master.join.LinkManager;
import dev.zerocluster.master.join.NodePorts;
import dev.zerocluster.master.outputs.ClusterTopic;
import dev.zerocluster.master.outputs.JoinOutputs;
import dev.zerocluster.master.outputs.SshKeyOffer;
import dev.zerocluster.master.registry.NodeView;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.zerocluster.master.registry.BadInput;
import dev.zerocluster.master.registry.LatencyHistogram;
import dev.zerocluster.master.registry.MessageIngest;
import dev.zerocluster.master.registry.NodeRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The master daemon, assembled from its configuration. */
public final class MasterDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterDaemon.class);
    private static final Duration TICK = Duration.ofMillis(250);

    private final MasterConfig config;
    private final Clock clock;
    private final Topics topics;
    private final Optional<EmbeddedBroker> broker;
    private final NodeRegistry registry;
    private final BadInput badInput = new BadInput();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final MqttSession session;
    private final HttpApi http;
    private final ScheduledExecutorService timer;
    private final SystemRoot root;
    private final CommandRunner commands = new ProcessCommandRunner();
    private final JoinOutputs outputs;
    private final Optional<Join> join;

    /** Auto-join's parts, present when {@code links.usb.interfaces} names any link. */
    private record Join(BridgeNetwork bridge, Optional<Dnsmasq> dnsmasq, DhcpReservations reservations,
                        LinkManager links, NodePorts ports) {
    }

    public MasterDaemon(MasterConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.topics = new Topics(config.cluster());
        this.root = new SystemRoot(config.systemRoot());
        String secret = MasterSecret.loadOrCreate(config.stateDir());
        Optional<String> token = Credentials.readToken(config.broker().joinTokenFile());
        if (token.isEmpty()) {
            LOG.warn("no join token at {}: {}", config.broker().joinTokenFile(), config.broker().allowAnonymous()
                    ? "nodes log in without a password (mqtt.allow-anonymous: true)"
                    : "nodes cannot log in until one exists (or set mqtt.allow-anonymous: true)");
        }
        this.registry = new NodeRegistry(clock, System::nanoTime, config.registry().offlineAfter(),
                config.broker().embedded());
        URI url = config.broker().url().orElseGet(() -> URI.create("tcp://" + loopbackFor(config.broker().embeddedBind())
                + ":" + config.broker().embeddedPort()));
        this.session = new MqttSession(new MqttSession.Settings(() -> url, Credentials.MASTER_USER,
                Optional.of(Credentials.MASTER_USER), Optional.of(secret), Duration.ofSeconds(10),
                Optional.of(status(StatusMessage.OFFLINE, StatusMessage.REASON_CONNECTION_LOST)),
                this::birth,
                10_000, Duration.ofMillis(100), Duration.ofSeconds(2), Optional.empty()));
        this.timer = DaemonThreads.singleScheduled("master-timer");
        new ClusterTopic(topics, registry, session, timer, clock);
        this.join = config.join().interfacePatterns().isEmpty() ? Optional.empty() : Optional.of(buildJoin());
        this.outputs = new JoinOutputs(config.outputs(), registry::snapshot, JoinOutputs.hostName(root),
                config.join().address().address().toString(), Runtime.getRuntime().availableProcessors(),
                () -> join.flatMap(Join::dnsmasq).ifPresent(Dnsmasq::reload));
        registry.addListener(() -> execute(this::joined));
        MessageIngest ingest = new MessageIngest(topics, registry, badInput, latency, clock);
        if (config.broker().embedded()) {
            // Node reports come straight from the broker; the master's own client only publishes.
            this.broker = Optional.of(embeddedBroker(secret, token, ingest));
        } else {
            this.broker = Optional.empty();
            session.subscribe(topics.base() + "/nodes/+/status", 1, ingest::accept);
            session.subscribe(topics.base() + "/nodes/+/health", 1, ingest::accept);
        }
        Map<String, Supplier<Object>> routes = new LinkedHashMap<>();
        routes.put("/api/nodes", () -> registry.snapshot());
        routes.put("/api/stats", this::stats);
        // Benchmarks measure latency over a window they choose.
        this.http = new HttpApi(config.http(), routes, Map.of("/api/stats/reset", latency::reset));
    }

    private EmbeddedBroker embeddedBroker(String secret, Optional<String> token, MessageIngest ingest) {
        return new EmbeddedBroker(config.broker().embeddedBind(), config.broker().embeddedPort(),
                config.broker().allowAnonymous(), new BrokerAuthenticator(secret, token, config.broker().allowAnonymous()),
                new AccessPolicy(topics), new Presence() {
                    @Override
                    public void connected(NodeId node) {
                        registry.onConnected(node);
                    }

                    @Override
                    public void disconnected(NodeId node) {
                        registry.onDisconnected(node);
                    }
                }, new Publications() {
                    @Override
                    public boolean wants(String topic) {
                        return ingest.concerns(topic);
                    }

                    @Override
                    public void published(String topic, byte[] payload) {
                        ingest.accept(topic, payload);
                    }
                });
    }

    private Join buildJoin() throws IOException {
        Files.createDirectories(config.stateDir());
        BridgeNetwork bridge = new BridgeNetwork(config.join(), commands, root, config.stateDir());
        Optional<Dnsmasq> dnsmasq = config.join().dhcp()
                ? Optional.of(new Dnsmasq(config.join(), config.stateDir(), config.outputs().hostsFile(), commands,
                        "dnsmasq"))
                : Optional.empty();
        Path leases = config.stateDir().resolve("dnsmasq.leases");
        Path reserved = config.stateDir().resolve("dhcp-hosts");
        DhcpReservations reservations = new DhcpReservations(leases, reserved,
                () -> dnsmasq.ifPresent(Dnsmasq::reload));
        NodePorts ports = new NodePorts(config.join().bridge().value(), commands, reservations::macOf);
        LinkManager links = new LinkManager(config.join(), bridge, new IpLinkMonitor("ip"), port -> execute(() -> {
            for (NodeId node : ports.takeNodesOn(port)) {
                LOG.info("node {} unplugged ({} went down)", node, port);
                registry.onUnplugged(node);
            }
        }));
        return new Join(bridge, dnsmasq, reservations, links, ports);
    }

    /** After a registry change: the outputs, and the port of each newly online node. */
    private void joined() {
        outputs.refresh();
        join.ifPresent(j -> {
            for (NodeView n : registry.snapshot()) {
                NodeId id = NodeId.of(n.id());
                if ("online".equals(n.state()) && n.address() != null && !j.ports().knows(id)) {
                    j.reservations().poll();
                    j.ports().learn(id, n.address());
                }
            }
        });
    }

    private void execute(Runnable task) {
        try {
            timer.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private List<MqttSession.Message> birth() {
        List<MqttSession.Message> birth = new java.util.ArrayList<>();
        birth.add(status(StatusMessage.ONLINE, StatusMessage.REASON_STARTUP));
        SshKeyOffer.message(config.sshPublicKey(), topics).ifPresent(birth::add);
        return birth;
    }

    public void start() throws IOException {
        if (join.isPresent()) {
            Join j = join.get();
            j.bridge().setUp();
            if (j.dnsmasq().isPresent()) {
                j.dnsmasq().get().start();
            }
            j.links().start();
            timer.scheduleAtFixedRate(() -> {
                j.reservations().poll();
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
        outputs.refresh();
        if (broker.isPresent()) {
            broker.get().start();
        }
        http.start();
        session.start();
        timer.scheduleAtFixedRate(registry::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("master for cluster '{}' running", config.cluster());
    }

    public NodeRegistry registry() {
        return registry;
    }

    public BadInput badInput() {
        return badInput;
    }

    public MqttSession session() {
        return session;
    }

    public Optional<EmbeddedBroker> broker() {
        return broker;
    }

    public int httpPort() {
        return http.port();
    }

    private Map<String, Object> stats() {
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("reports", latency.count());
        ingest.put("latencyP50Ms", finite(latency.percentileMillis(0.50)));
        ingest.put("latencyP99Ms", finite(latency.percentileMillis(0.99)));
        Map<String, Object> mqtt = new LinkedHashMap<>();
        mqtt.put("connected", session.isConnected());
        mqtt.put("dropped", session.droppedCount());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", registry.snapshot().size());
        out.put("ingest", ingest);
        out.put("rejected", badInput.snapshot());
        out.put("mqtt", mqtt);
        return out;
    }

    private static Double finite(double d) {
        return Double.isNaN(d) ? null : d;
    }

    @Override
    public void close() {
        stop(false);
    }

    /**
     * For the shutdown hook of {@code zc-master run}: the same, but the embedded broker is left to
     * the process's exit. Moquette's graceful stop waits two seconds for its event loops, which a
     * process that is ending anyway does not need: the kernel closes its sockets.
     */
    public void closeBeforeExit() {
        stop(true);
    }

    private void stop(boolean exiting) {
        long start = System.nanoTime();
        timer.shutdownNow();
        session.close(Optional.of(status(StatusMessage.OFFLINE, StatusMessage.REASON_SHUTDOWN)), Duration.ofSeconds(1));
        // The offline must reach the subscribers before the broker stops or the process exits.
        broker.ifPresent(EmbeddedBroker::awaitDeliveries);
        long mqtt = System.nanoTime();
        if (!exiting) {
            broker.ifPresent(EmbeddedBroker::close);
        }
        long brokerDone = System.nanoTime();
        join.ifPresent(j -> {
            j.links().close();
            j.dnsmasq().ifPresent(Dnsmasq::close);
            j.bridge().tearDown();
        });
        long joinDone = System.nanoTime();
        http.close();
        LOG.info("master stopped in {} ms (MQTT {}, broker {}, links and dnsmasq {}, HTTP {})",
                (System.nanoTime() - start) / 1_000_000, (mqtt - start) / 1_000_000, (brokerDone - mqtt) / 1_000_000,
                (joinDone - brokerDone) / 1_000_000, (System.nanoTime() - joinDone) / 1_000_000);
    }

    private MqttSession.Message status(String state, String reason) {
        StatusMessage m = new StatusMessage(state, "master", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                reason, ExitCodes.version(), null, null);
        try {
            return new MqttSession.Message(topics.masterStatus(), Json.mapper().writeValueAsBytes(m), 1, true);
        } catch (IOException e) {
            throw new IllegalStateException("a status message always serializes", e);
        }
    }

    /** The master's own client reaches its embedded broker through loopback unless bound elsewhere. */
    private static String loopbackFor(String bind) {
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
    }
}
