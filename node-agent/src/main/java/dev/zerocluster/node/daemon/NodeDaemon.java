package dev.zerocluster.node.daemon;

import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.core.config.Durations;
import dev.zerocluster.core.model.JsonFields;
import dev.zerocluster.core.model.MessageWriter;
import dev.zerocluster.core.model.SshPublicKey;
import dev.zerocluster.core.system.CommandRunner;
import dev.zerocluster.core.system.EventLoop;
import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.model.StatusMessage;
import dev.zerocluster.core.mqtt.MqttSession;
import dev.zerocluster.core.mqtt.MqttClientConfig;
import dev.zerocluster.core.mqtt.MqttTransport;
import dev.zerocluster.core.mqtt.PahoTransport;
import dev.zerocluster.core.mqtt.SocketTransport;
import dev.zerocluster.core.mqtt.Topics;
import dev.zerocluster.core.system.SystemRoot;
import dev.zerocluster.node.config.NodeConfig;
import dev.zerocluster.node.health.HealthCollector;
import dev.zerocluster.node.link.usb.StaticAddressing;
import dev.zerocluster.node.link.usb.UsbGateway;
import dev.zerocluster.node.link.usb.UsbLinkConfig;
import dev.zerocluster.node.link.usb.UsbLinkWatch;
import dev.zerocluster.node.ssh.AuthorizedKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node daemon: one MQTT session, a birth on every connect, a will, and a health report every
 * {@code health.interval} with {@code seq} rising by one per report.
 */
public final class NodeDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDaemon.class);
    /** Reports kept while the broker is away: at the default 10 s that is over two hours. */
    static final int BUFFER_CAPACITY = 1000;
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    /** Low, so that a restarted master has every node back within seconds (SPEC §5). */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** How long buffered reports wait after a reconnect for the master to say it is listening. */
    static final Duration MASTER_WAIT = Duration.ofSeconds(30);

    private final NodeConfig config;
    private final HealthCollector collector;
    private final Clock clock;
    private final Topics topics;
    private final String healthTopic;
    private final NodeId id;
    private final String bootId;
    private final MqttSession session;
    private final EventLoop timer;
    private final AtomicLong seq = new AtomicLong();
    /** When the reports' fixed-rate schedule began (System.nanoTime), for {@link #untilNextTick}. */
    private volatile long ticksFromNanos;
    private final SystemRoot root;
    private final UsbGateway gateway;
    /** How often the USB link is looked at while it is absent or joining: a plug is noticed at once. */
    static final Duration LINK_WATCH_JOINING = Duration.ofMillis(200);
    /**
     * How often while it is up with a broker address: a re-plug or a new lease's gateway is noticed
     * within a second (1.5 s just after settling), well inside the 3 s join budget, at a fifth of
     * the wake-ups.
     */
    static final Duration LINK_WATCH_SETTLED = Duration.ofSeconds(1);
    private static final long JOINING_NANOS = LINK_WATCH_JOINING.toNanos();
    private static final long SETTLED_NANOS = LINK_WATCH_SETTLED.toNanos();

    private final AuthorizedKeys authorizedKeys;
    private final Optional<StaticAddressing> staticAddressing;
    /**
     * Made by {@link #start} when the USB link is enabled; checked on the daemon's thread, and
     * closed by {@link #close} once that thread has ended.
     */
    private volatile UsbLinkWatch linkWatch;

    public NodeDaemon(NodeConfig config, SystemRoot root, HealthCollector collector, CommandRunner commands,
                      Clock clock) {
        this.config = config;
        this.collector = collector;
        this.clock = clock;
        this.topics = new Topics(config.cluster());
        this.id = collector.node();
        this.healthTopic = topics.nodeHealth(id);
        this.bootId = readBootId(root);
        BrokerLogin login = BrokerLogin.of(config.mqtt(), id);
        this.root = root;
        this.gateway = new UsbGateway(root, config.usb().iface());
        // One thread for the MQTT session, the node's own timed work and the broker's socket: a
        // report goes out from the thread that made it, and its PUBACK is read when that thread next
        // wakes (SocketTransport), so a report wakes no other thread. An EventLoop rather than the
        // JDK's scheduled executor: a wake-up of it touches far less memory (its Javadoc).
        this.timer = EventLoop.start("zc-node");
        this.session = new MqttSession(new MqttSession.Settings(
                () -> brokerUrl(gateway),
                id.value(),
                Optional.of(login.username()),
                login.password(),
                config.mqtt().keepalive(),
                Optional.of(status(StatusMessage.OFFLINE, StatusMessage.REASON_CONNECTION_LOST)),
                this::birth,
                BUFFER_CAPACITY,
                MIN_BACKOFF,
                MAX_BACKOFF,
                Optional.of(new MqttSession.Gate(topics.masterStatus(), JsonFields::saysOnline, MASTER_WAIT))), timer,
                transport(config.mqtt(), id, timer));
        this.authorizedKeys = new AuthorizedKeys(root, config.sshUser());
        this.staticAddressing = config.usb().enabled() && config.usb().addressing() == UsbLinkConfig.Addressing.STATIC
                ? Optional.of(new StaticAddressing(config.usb(), commands)) : Optional.empty();
        session.subscribe(topics.masterSshKey(), 1, (topic, payload) -> timer.execute(() -> installKey(payload)));
    }

    /**
     * The node's own plain-TCP client, which costs a report less CPU than Paho's (README,
     * "Dependencies"); for an {@code ssl://} broker, Paho's, which speaks TLS.
     */
    static MqttTransport transport(MqttClientConfig mqtt, NodeId id, EventLoop timer) {
        boolean tls = mqtt.url().map(u -> "ssl".equals(u.getScheme())).orElse(false);
        return tls ? new PahoTransport(id.value()) : new SocketTransport(id.value(), timer);
    }

    /** The master's key from {@code <base>/master/ssh-key}, added to authorized_keys once. */
    private void installKey(byte[] payload) {
        try {
            String key = JsonFields.text(payload, "key");
            if (key == null) {
                LOG.warn("ignored an SSH key message without a \"key\" text");
                return;
            }
            if (authorizedKeys.add(SshPublicKey.parse(key))) {
                LOG.info("added the master's SSH key for {}", config.sshUser());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot take the master's SSH key: {}", e.getMessage());
        }
    }

    public NodeId id() {
        return id;
    }

    public MqttSession session() {
        return session;
    }

    public void start() {
        // A report right after every (re)connect: the master learns the node's address with its
        // birth instead of one health interval later.
        session.setConnectionListener(new MqttSession.ConnectionListener() {
            @Override
            public void connected(boolean reconnect) {
                timer.execute(NodeDaemon.this::report);
            }
        });
        session.start();
        staticAddressing.ifPresent(a -> timer.scheduleWithFixedDelay(a::ensure, 0, 2, TimeUnit.SECONDS));
        long periodMs = config.health().interval().toMillis();
        ticksFromNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::report, 0, periodMs, TimeUnit.MILLISECONDS);
        if (config.usb().enabled()) {
            Optional<String> configured = config.mqtt().url().map(URI::toString);
            UsbLinkWatch watch = new UsbLinkWatch(root, config.usb(), () -> configured.isPresent() ? configured
                    : gateway.current().map(Object::toString), session::reconnectNow, session::connectNow,
                    LINK_WATCH_JOINING, LINK_WATCH_SETTLED);
            linkWatch = watch;
            timer.scheduleSelfTimed(() -> watchLink(watch), 0);
        }
        LOG.info("node {} reporting every {} to {}", id, Durations.format(config.health().interval()),
                config.mqtt().url().map(URI::toString).orElse("the USB gateway (mqtt.url: auto)"));
    }

    /**
     * One look at the USB link; returns how soon the next one is due, as the watch asks. A settled
     * look is put on the grid of whole seconds since the reports began, so that with an interval of
     * whole seconds it falls on a report's tick and the health thread wakes once for both: on the
     * development machine each wake-up of a thread costs a few tenths of a millisecond of CPU, as
     * much as the report itself (docs/performance.md, "Node footprint").
     */
    private long watchLink(UsbLinkWatch watch) {
        try {
            long next = watch.check();
            return next == SETTLED_NANOS ? untilNextTick(System.nanoTime() - ticksFromNanos, next) : next;
        } catch (RuntimeException e) {
            LOG.warn("USB link watch failed: {}", e.toString());
            return JOINING_NANOS;
        }
    }

    /**
     * Nanoseconds from {@code sinceStart} to the next multiple of {@code period}, at least half a
     * period away (a look that ran a hair early must not run again at once).
     */
    static long untilNextTick(long sinceStart, long period) {
        long next = period - Math.floorMod(sinceStart, period);
        return next < period / 2 ? next + period : next;
    }

    private void report() {
        try {
            byte[] payload = collector.report(seq.getAndIncrement());
            session.publish(new MqttSession.Message(healthTopic, payload, 1, false));
        } catch (RuntimeException e) {
            LOG.warn("health report failed: {}", e.toString());
        }
    }

    /** Stops reporting, says a graceful {@code offline} (reason {@code shutdown}) and disconnects. */
    @Override
    public void close() {
        // The session's close ends the shared thread, and with it the reports and the link watch.
        session.close(Optional.of(status(StatusMessage.OFFLINE, StatusMessage.REASON_SHUTDOWN)), Duration.ofMillis(1500));
        // The collector's, the gateway's and the link watch's files are closed on no thread but this
        // one: after a report still being collected has ended (a read takes microseconds; the bound
        // only keeps the 2 s stop).
        try {
            if (timer.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                collector.close();
                gateway.close();
                UsbLinkWatch watch = linkWatch;
                if (watch != null) {
                    watch.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("node {} stopped", id);
    }

    private URI brokerUrl(UsbGateway gateway) {
        if (config.mqtt().url().isPresent()) {
            return config.mqtt().url().get();
        }
        return gateway.current().map(gw -> URI.create("tcp://" + gw + ":1883"))
                .orElseThrow(() -> new IllegalStateException("no IPv4 gateway on " + config.usb().iface()));
    }

    private List<MqttSession.Message> birth() {
        String reason = session.connectCount() > 1 ? StatusMessage.REASON_RECONNECT : StatusMessage.REASON_STARTUP;
        return List.of(status(StatusMessage.ONLINE, reason));
    }

    private MqttSession.Message status(String state, String reason) {
        StatusMessage message = new StatusMessage(state, id.value(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), reason, ExitCodes.version(), bootId,
                config.health().interval().toMillis() / 1000.0);
        // Rare (birth, will, stop) and on several threads: a writer of its own each time.
        return new MqttSession.Message(topics.nodeStatus(id), new MessageWriter().status(message), 1, true);
    }

    private static String readBootId(SystemRoot root) {
        try {
            return Files.readString(root.path("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            LOG.info("no boot id at {}: reporting null", root.path("/proc/sys/kernel/random/boot_id"));
            return null;
        }
    }
}
