package dev.zerocluster.master.daemon;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.core.system.ProcessCommandRunner;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.master.broker.MasterSecret;
import dev.zerocluster.master.config.MasterConfig;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.daemon.NodeDaemon;
import dev.zerocluster.node.health.HealthCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A master and its nodes on loopback, for tests: a join token, free ports, a state directory, and
 * nodes reading a fake Pi Zero tree. Everything it started is stopped by {@link #close()}.
 */
public final class ClusterFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    public static final String TOKEN = "test-join-token-0123456789abcdef";
    /** The fake board every node reads. */
    public static final Path TREE = Path.of("../node-agent/src/test/resources/health/pi-zero-w-buster/root")
            .toAbsolutePath().normalize();
    public static final Path NODE_JAR = Path.of("../node-agent/target/zc-node.jar").toAbsolutePath().normalize();

    private Path dir;
    private int mqttPort;
    private int httpPort;
    private boolean ownsDir;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** As a JUnit extension ({@code @RegisterExtension}): a fresh cluster folder for every test. */
    public ClusterFixture() {
    }

    /** A cluster in {@code dir}, closed by whoever made it. */
    public ClusterFixture(Path dir) throws IOException {
        init(dir);
    }

    private void init(Path folder) throws IOException {
        this.dir = folder;
        this.mqttPort = freePort();
        this.httpPort = freePort();
        Files.writeString(tokenFile(), TOKEN + "\n");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        init(Files.createTempDirectory("zc-cluster-"));
        ownsDir = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        if (ownsDir) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path tokenFile() {
        return dir.resolve("join-token");
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** Overrides for a master with the embedded broker on the fixture's ports. */
    public List<String> masterSettings(String... extra) {
        List<String> s = new ArrayList<>(List.of(
                "mqtt.embedded.port=" + mqttPort, "mqtt.embedded.bind=127.0.0.1",
                "mqtt.join-token-file=" + tokenFile(), "state.dir=" + dir.resolve("master-state"),
                "http.port=" + httpPort, "http.bind=127.0.0.1",
                // On loopback, in the machine's own network namespace: no bridge, DHCP or NAT here.
                "links.usb.interfaces=[]", "network.nat=false", "network.dhcp=false",
                "mpi.machinefile=" + dir.resolve("machinefile"), "hosts.file=" + dir.resolve("hosts"),
                "ssh.public-key=" + dir.resolve("id_ed25519.pub")));
        s.addAll(List.of(extra));
        return s;
    }

    public MasterDaemon startMaster(String... extra) throws IOException {
        MasterConfig config = MasterConfig.load(null, masterSettings(extra));
        MasterDaemon master = new MasterDaemon(config, Clock.systemUTC());
        master.start();
        running.add(master);
        if (config.broker().embedded()) {
            awaitBirth(config.cluster());
        }
        return master;
    }

    /**
     * Waits (at most ten seconds) until the master's retained birth is stored. A client that
     * subscribes while a retained message is being published can miss it in Moquette 0.17: the
     * publish is routed to the subscribers found first and stored as retained after, so a
     * subscription made in between gets neither. So a probe subscribes again until the birth
     * comes, and tests subscribe after that. (Mosquitto routes and stores on its one thread: no gap.)
     * Moquette 0.17 also drops the retain flag on the retained messages it sends a new QoS 1
     * subscription, so the probe cannot ask {@code isRetained()}. A probe whose connection drops
     * is replaced, and the reason printed: CI once saw one end early, and a {@code disconnect} in a
     * finally block then hid why behind "Client is disconnected".
     */
    private void awaitBirth(String cluster) throws IOException {
        String topic = new Topics(cluster).masterStatus();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Throwable lastError = null;
        try {
            while (System.nanoTime() < deadline) {
                MqttClient probe;
                try {
                    probe = client("fixture-birth-probe", Credentials.MASTER_USER, masterSecret());
                } catch (MqttException e) {
                    lastError = e;
                    Thread.sleep(100);
                    continue;
                }
                AtomicReference<Throwable> lost = new AtomicReference<>();
                probe.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                        lost.set(cause);
                    }

                    @Override
                    public void messageArrived(String t, MqttMessage m) {
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                try {
                    if (seesBirth(probe, topic, deadline)) {
                        return;
                    }
                } catch (MqttException e) {
                    // A probe is a client like any other, and the broker may drop it: say why, and
                    // try again with a new connection. (Disconnecting here would hide the reason.)
                    lastError = lost.get() != null ? lost.get() : e;
                    System.err.println("ClusterFixture: the birth probe lost its connection (" + e + ", cause "
                            + lost.get() + "); trying again");
                } finally {
                    if (probe.isConnected()) {
                        probe.disconnectForcibly(100, 1000);
                    }
                    probe.close();
                }
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot close the probe watching " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the master's birth", e);
        }
        throw new IllegalStateException("the master did not announce itself on " + topic + " within 10 s"
                + (lastError == null ? "" : "; the probe's last error: " + lastError), lastError);
    }

    /** Subscribes again every half second until the master's birth comes or {@code deadline} passes. */
    private static boolean seesBirth(MqttClient probe, String topic, long deadline)
            throws MqttException, InterruptedException {
        while (System.nanoTime() < deadline) {
            BlockingQueue<String> retained = new LinkedBlockingQueue<>();
            probe.subscribe(topic, 1, (t, m) -> retained.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            String birth = retained.poll(500, TimeUnit.MILLISECONDS);
            probe.unsubscribe(topic);
            if (birth != null && birth.contains("\"online\"")) {
                return true;
            }
        }
        return false;
    }

    public String masterSecret() throws IOException {
        return MasterSecret.loadOrCreate(dir.resolve("master-state"));
    }

    /** Overrides for a node of this cluster reporting every {@code interval}. */
    public List<String> nodeSettings(String id, String interval, String... extra) {
        List<String> s = new ArrayList<>(List.of(
                "node.id=" + id, "system.root=" + TREE, "mqtt.url=" + brokerUrl(),
                "mqtt.join-token-file=" + tokenFile(), "health.interval=" + interval, "mqtt.keepalive=2s",
                "state.dir=" + dir.resolve("node-" + id)));
        s.addAll(List.of(extra));
        return s;
    }

    /** A node daemon in this JVM. */
    public NodeDaemon startNode(String id, String interval, String... extra) {
        NodeConfig config = NodeConfig.load(null, nodeSettings(id, interval, extra));
        SystemRoot root = new SystemRoot(config.systemRoot());
        HealthCollector collector = HealthCollector.create(root, config.nodeId(), config.reportedLinks(),
                new ProcessCommandRunner(), Clock.systemUTC());
        NodeDaemon node = new NodeDaemon(config, root, collector, new ProcessCommandRunner(), Clock.systemUTC());
        node.start();
        running.add(node);
        return node;
    }

    /** A node as its own process, running the packaged jar as systemd would. */
    public Process startNodeProcess(String id, String interval) throws IOException {
        if (!Files.exists(NODE_JAR)) {
            throw new IllegalStateException(NODE_JAR + " is missing: build it first (mvn -B -DskipTests package, or"
                    + " run the whole build with mvn -B verify)");
        }
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx48m", "-jar", NODE_JAR.toString(), "run"));
        for (String s : nodeSettings(id, interval)) {
            argv.add("--set");
            argv.add(s);
        }
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("node-" + id + ".log").toFile()).start();
        running.add(() -> {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        });
        return p;
    }

    public Path dir() {
        return dir;
    }

    /** A plain client logged in as {@code user} (also its client id); {@code password} null for none. */
    public MqttClient client(String user, String password) throws MqttException {
        return client(user, user, password);
    }

    public MqttClient client(String clientId, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(brokerUrl(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.setTimeToWait(5000);
        c.connect(o);
        running.add(() -> {
            if (c.isConnected()) {
                c.disconnectForcibly(100, 100);
            }
            c.close();
        });
        return c;
    }

    public MqttClient nodeClient(String id) throws MqttException {
        return client(id, Credentials.nodePassword(TOKEN, NodeId.of(id)));
    }

    /** A second client with the master's rights, to watch what the master's topics carry. */
    public MqttClient observer() throws MqttException, IOException {
        return client("observer", Credentials.MASTER_USER, masterSecret());
    }

    public void track(AutoCloseable c) {
        running.add(c);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // Best effort: everything else must still stop.
            }
        }
        running.clear();
    }
}
