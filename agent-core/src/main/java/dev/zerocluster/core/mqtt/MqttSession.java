package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.system.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection that both daemons use, on an {@link MqttTransport}: Eclipse Paho's MQTT 3.1.1
 * client by default, {@link SocketTransport} on the node.
 *
 * <ul>
 * <li><b>Reconnects by itself</b> with capped exponential back-off and jitter, including after a
 * failed first connect (Paho's own automatic reconnect never retries that one, paho#930, and
 * shares its delay between all clients of a JVM, paho#668).</li>
 * <li><b>Last will</b> and a <b>birth</b> after every (re)connect: subscriptions are made again
 * first (clean sessions keep nothing), then the birth messages go out, then anything buffered.</li>
 * <li><b>Buffers QoS 1 messages in memory</b> while disconnected, and keeps every sent message
 * until the broker acknowledged it: on a lost connection the unacknowledged ones go back to the
 * front of the queue, so an outage loses nothing (duplicates are possible, as QoS 1 allows). The
 * buffer is bounded: when full the oldest message is dropped and counted. Nothing touches the SD
 * card.</li>
 * <li>An optional <b>gate</b> holds the buffered messages after a reconnect until a message says
 * the other side is listening (the node waits for the master's retained {@code online}, so that
 * what it buffered is not flushed into a broker where nobody has subscribed yet), or a bound.</li>
 * <li>{@link #close} publishes last words (a graceful {@code offline}) and disconnects, within a
 * bound.</li>
 * </ul>
 * All connection state lives on one thread; the transport's callbacks hop onto it.
 */
public final class MqttSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final int MAX_IN_FLIGHT = 32;

    private final Settings settings;
    private final MqttTransport transport;
    private final ScheduledExecutorService loop;
    /** The loop's one thread, once its first task ran: a publish made on it needs no task of its own. */
    private volatile Thread loopThread;
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    /**
     * Sent and not yet acknowledged, in the order sent ({@link #inFlightCount} of them). An array
     * rather than a LinkedHashMap by id, and {@link #acked} a {@code long[]} rather than a queue
     * of {@code Long}: the map's and the queue's methods and the boxes are compiled early in the
     * JVM's life, each on a code page of its own, which every report then touched after an idle
     * second (docs/performance.md, "Node footprint"). At most {@link #MAX_IN_FLIGHT}.
     */
    private final Outgoing[] inFlight = new Outgoing[MAX_IN_FLIGHT];
    private int inFlightCount;
    /**
     * Ids the broker acknowledged, added on the transport's thread and taken off {@link #inFlight}
     * by the loop the next time it looks at it ({@link #drainAcks}). Waking the loop for every
     * acknowledgement cost a thread wake-up per message, a tenth of a node's CPU per report
     * (docs/performance.md, "Node footprint"); an acknowledgement only needs the loop at once when
     * {@link #pump} stopped because too many messages were in flight, which {@link #waitingForAcks}
     * says. Guarded by {@link #ackLock} rather than a ConcurrentLinkedQueue, whose offer and poll
     * with their VarHandle plumbing were about 17 kB of compiled code touched every report.
     */
    private final Object ackLock = new Object();
    private long[] acked = new long[MAX_IN_FLIGHT];
    private int ackedCount;
    private volatile boolean waitingForAcks;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private long nextId;
    private int attempt;
    private boolean connected;
    private boolean connecting;
    private boolean gateOpen = true;
    private boolean closing;
    private boolean waitingForAddress;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> gateTimer;
    private volatile ConnectionListener listener = ConnectionListener.NONE;

    /** What the session needs to know; {@code url} is asked again before every connect attempt. */
    public record Settings(
            Supplier<URI> url,
            String clientId,
            Optional<String> username,
            Optional<String> password,
            Duration keepalive,
            Optional<Message> will,
            Supplier<List<Message>> birth,
            int bufferCapacity,
            Duration minBackoff,
            Duration maxBackoff,
            Optional<Gate> gate) {
    }

    /** A message to publish. */
    public record Message(String topic, byte[] payload, int qos, boolean retained) {
    }

    /**
     * Hold buffered messages after each connect until a message on {@code topic} satisfies
     * {@code opens}, or {@code maxWait} passed.
     */
    public record Gate(String topic, java.util.function.Predicate<byte[]> opens, Duration maxWait) {
    }

    @FunctionalInterface
    public interface Handler {
        void handle(String topic, byte[] payload);
    }

    /** Told about connects and losses, on the session's thread; must not block. */
    public interface ConnectionListener {
        ConnectionListener NONE = new ConnectionListener() { };

        default void connected(boolean reconnect) {
        }

        default void disconnected(Throwable cause) {
        }
    }

    private record Subscription(String filter, int qos, Handler handler) {
    }

    /** {@code birth} messages pass a closed gate. */
    private record Outgoing(long id, Message message, boolean birth) {
    }

    public MqttSession(Settings settings) {
        this(settings, DaemonThreads.singleScheduled("mqtt-" + settings.clientId()));
    }

    /**
     * A session whose loop is {@code loop}, a single-threaded executor the caller may also run its
     * own timed work on: what that work publishes is queued on the thread already running, so the
     * message costs no thread wake-up before the transport's. On a node reporting once a second
     * each wake-up of an idle thread is a noticeable part of the CPU per report
     * (docs/performance.md, "Node footprint"). The session owns the executor from here on: {@link #close} shuts it down, and
     * work on it must not block for long, since connects and acknowledgements wait behind it.
     */
    public MqttSession(Settings settings, ScheduledExecutorService loop) {
        this(settings, loop, new PahoTransport(settings.clientId()));
    }

    /** A session on {@code transport}, which it owns from here on. */
    public MqttSession(Settings settings, ScheduledExecutorService loop, MqttTransport transport) {
        this.settings = settings;
        this.loop = loop;
        this.transport = transport;
        loop.execute(() -> loopThread = Thread.currentThread());
    }

    public void setConnectionListener(ConnectionListener listener) {
        this.listener = listener;
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        loop.execute(this::connect);
    }

    /** Subscribes now (if connected) and after every reconnect. Call before {@link #start()} where possible. */
    public void subscribe(String filter, int qos, Handler handler) {
        loop.execute(() -> {
            Subscription s = new Subscription(filter, qos, handler);
            subscriptions.add(s);
            if (connected) {
                subscribeAll(List.of(s), false, () -> { });
            }
        });
    }

    /**
     * Queues {@code message}; it is sent when connected (in order) and kept until acknowledged.
     * QoS 0 messages are not buffered: while disconnected they are dropped and counted.
     */
    public void publish(Message message) {
        // Called on the loop (a node's report), it is sent at once rather than as one more task
        // for the same thread: the queue's lock, a task object and its wake-up bookkeeping per report.
        if (Thread.currentThread() == loopThread) {
            send(message);
        } else {
            loop.execute(() -> send(message));
        }
    }

    private void send(Message message) {
        if (closing) {
            return;
        }
        if (message.qos() == 0 && !connected) {
            dropped.incrementAndGet();
            return;
        }
        drainAcks();
        if (connected && gateOpen && outbox.isEmpty() && inFlightCount < MAX_IN_FLIGHT) {
            // The usual case, a report while all is well: straight out, past the queue, whose
            // ArrayDeque methods are compiled early in the JVM's life on code pages of their own.
            waitingForAcks = false;
            transmit(new Outgoing(nextId++, message, false));
            return;
        }
        enqueue(message);
        pump();
    }

    public boolean isConnected() {
        return connected;
    }

    /**
     * Drops the connection, if any, and connects again at once: for when the path to the broker
     * changed under it (a re-plugged link is a new interface, and a dead TCP connection would
     * otherwise linger until the keepalive runs out).
     */
    public void reconnectNow() {
        loop.execute(() -> {
            if (closing) {
                return;
            }
            if (connected) {
                transport.drop();
                onLost(new IOException("reconnecting: the path to the broker changed"));
            }
            connectSoon();
        });
    }

    /** If waiting to retry, tries now (the broker's address may just have appeared). */
    public void connectNow() {
        loop.execute(() -> {
            if (!connected && !connecting && !closing) {
                connectSoon();
            }
        });
    }

    private void connectSoon() {
        cancel(retry);
        attempt = 0;
        connect();
    }

    /** Messages dropped because the buffer was full (oldest first) or QoS 0 while disconnected. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Successful connects so far. */
    public long connectCount() {
        return connects.get();
    }

    /** Messages waiting to be sent or acknowledged. */
    public int pendingCount() {
        try {
            return loop.submit(() -> {
                drainAcks();
                return outbox.size() + inFlightCount;
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        close(Optional.empty(), Duration.ofSeconds(1));
    }

    /**
     * Publishes {@code lastWords} if connected (waiting for its acknowledgement), then disconnects.
     * Returns within about {@code bound}.
     */
    public void close(Optional<Message> lastWords, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        CountDownLatch done = new CountDownLatch(1);
        try {
            loop.execute(() -> {
                closing = true;
                cancel(retry);
                cancel(gateTimer);
                if (connected && lastWords.isPresent()) {
                    try {
                        transport.publish(lastWords.get(), new MqttTransport.Outcome() {
                            @Override
                            public void succeeded() {
                                done.countDown();
                            }

                            @Override
                            public void failed(Throwable cause) {
                                done.countDown();
                            }

                            @Override
                            public boolean awaited() {
                                return true;
                            }
                        });
                        return;
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("could not publish last words: {}", e.getMessage());
                    }
                }
                done.countDown();
            });
            done.await(remainingMillis(deadline, 0.6), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return;
        }
        // Paho's disconnect can block for good on a connection in a bad state (paho#763, #719,
        // #962): it runs on a thread of its own, and close returns at the deadline regardless.
        Thread closer = new Thread(() -> {
            transport.disconnect(Duration.ofMillis(Math.max(50, remainingMillis(deadline, 0.8))));
            transport.close();
        }, "mqtt-close-" + settings.clientId());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(100, remainingMillis(deadline, 1.0)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("the MQTT client did not close within {}; leaving it behind", bound);
        }
        loop.shutdownNow();
    }

    private static long remainingMillis(long deadline, double share) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        return Math.max(1, (long) (left * share));
    }

    private void connect() {
        if (closing || connected || connecting) {
            return;
        }
        URI url;
        try {
            url = settings.url().get();
        } catch (RuntimeException e) {
            if (!waitingForAddress) {
                LOG.info("no broker address yet ({}); waiting for one", e.getMessage());
                waitingForAddress = true;
            }
            scheduleRetry();
            return;
        }
        waitingForAddress = false;
        connecting = true;
        MqttTransport.Events events = new MqttTransport.Events() {
            @Override
            public void lost(Throwable cause) {
                loop.execute(() -> onLost(cause));
            }

            @Override
            public void arrived(String topic, byte[] payload) {
                dispatch(topic, payload);
            }
        };
        try {
            transport.connect(new MqttTransport.Connect(url, settings.clientId(), settings.username(),
                    settings.password(), settings.keepalive(), settings.will()), events, new MqttTransport.Outcome() {
                        @Override
                        public void succeeded() {
                            loop.execute(() -> onConnected(url));
                        }

                        @Override
                        public void failed(Throwable e) {
                            loop.execute(() -> {
                                connecting = false;
                                if (attempt == 0 || attempt % 10 == 0) {
                                    LOG.warn("cannot connect to {}: {}", url, describe(e));
                                }
                                scheduleRetry();
                            });
                        }
                    });
        } catch (IOException | RuntimeException e) {
            connecting = false;
            LOG.warn("cannot connect to {}: {}", url, describe(e));
            scheduleRetry();
        }
    }

    private void onConnected(URI url) {
        connecting = false;
        if (closing) {
            return;
        }
        boolean reconnect = connects.getAndIncrement() > 0;
        connected = true;
        attempt = 0;
        LOG.info("connected to {} as {}", url, settings.clientId());
        if (settings.gate().isPresent()) {
            gateOpen = false;
            gateTimer = loop.schedule(this::openGate, settings.gate().get().maxWait().toMillis(), TimeUnit.MILLISECONDS);
        }
        subscribeAll(subscriptions, true, () -> {
            if (!connected) {
                // Lost while subscribing: the next connect starts over.
                return;
            }
            // Birth first, ahead of anything buffered: the other side learns we are back before it
            // sees old reports.
            List<Message> birth = settings.birth().get();
            for (int i = birth.size() - 1; i >= 0; i--) {
                outbox.addFirst(new Outgoing(nextId++, birth.get(i), true));
            }
            listener.connected(reconnect);
            pump();
        });
    }

    /** Subscribes {@code subs} (and the gate's topic with {@code withGate}), then runs {@code then}. */
    private void subscribeAll(List<Subscription> subs, boolean withGate, Runnable then) {
        List<String> filterList = new ArrayList<>();
        List<Integer> qosList = new ArrayList<>();
        for (Subscription s : subs) {
            filterList.add(s.filter());
            qosList.add(s.qos());
        }
        if (withGate && settings.gate().isPresent()) {
            filterList.add(settings.gate().get().topic());
            qosList.add(1);
        }
        if (filterList.isEmpty()) {
            then.run();
            return;
        }
        String[] filters = filterList.toArray(String[]::new);
        int[] qos = qosList.stream().mapToInt(Integer::intValue).toArray();
        try {
            transport.subscribe(filters, qos, new MqttTransport.Outcome() {
                @Override
                public void succeeded() {
                    loop.execute(then);
                }

                @Override
                public void failed(Throwable e) {
                    LOG.warn("subscribe {} failed: {}", String.join(",", filters), describe(e));
                    loop.execute(then);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("subscribe {} failed: {}", String.join(",", filters), describe(e));
            then.run();
        }
    }

    /** On the transport's thread: handlers must be quick and must not block. */
    private void dispatch(String topic, byte[] payload) {
        if (settings.gate().isPresent() && TopicFilter.matches(settings.gate().get().topic(), topic)
                && settings.gate().get().opens().test(payload)) {
            loop.execute(this::openGate);
        }
        for (Subscription s : subscriptions) {
            if (!TopicFilter.matches(s.filter(), topic)) {
                continue;
            }
            try {
                s.handler().handle(topic, payload);
            } catch (RuntimeException e) {
                LOG.warn("handler for {} failed: {}", topic, e.toString());
            }
        }
    }

    private void openGate() {
        cancel(gateTimer);
        if (!gateOpen) {
            gateOpen = true;
            pump();
        }
    }

    private void onLost(Throwable cause) {
        if (!connected) {
            return;
        }
        connected = false;
        connecting = false;
        cancel(gateTimer);
        drainAcks();
        // Unacknowledged messages go back in front, in the order they were sent.
        for (int i = inFlightCount - 1; i >= 0; i--) {
            outbox.addFirst(inFlight[i]);
            inFlight[i] = null;
        }
        inFlightCount = 0;
        trim();
        LOG.warn("connection lost: {}; {} message(s) kept for resending", describe(cause), outbox.size());
        listener.disconnected(cause);
        if (!closing) {
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (closing) {
            return;
        }
        long capMs = settings.maxBackoff().toMillis();
        long base = Math.min(capMs, settings.minBackoff().toMillis() << Math.min(attempt, 20));
        // "Equal jitter": half fixed, half random, so a cluster that lost its broker together does
        // not come back in lock-step.
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        attempt++;
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void enqueue(Message message) {
        drainAcks();
        outbox.addLast(new Outgoing(nextId++, message, false));
        trim();
    }

    private void drainAcks() {
        synchronized (ackLock) {
            for (int i = 0; i < ackedCount; i++) {
                removeInFlight(acked[i]);
            }
            ackedCount = 0;
        }
    }

    /** On the transport's thread. */
    private void addAck(long id) {
        synchronized (ackLock) {
            if (ackedCount == acked.length) {
                acked = Arrays.copyOf(acked, ackedCount * 2);
            }
            acked[ackedCount++] = id;
        }
    }

    private void removeInFlight(long id) {
        for (int i = 0; i < inFlightCount; i++) {
            if (inFlight[i].id() == id) {
                // Acknowledgements come in the order sent (section 4.6): nearly always the first.
                System.arraycopy(inFlight, i + 1, inFlight, i, inFlightCount - i - 1);
                inFlight[--inFlightCount] = null;
                return;
            }
        }
    }

    private void trim() {
        while (outbox.size() + inFlightCount > settings.bufferCapacity() && !outbox.isEmpty()) {
            outbox.removeFirst();
            dropped.incrementAndGet();
        }
    }

    private void pump() {
        waitingForAcks = false;
        drainAcks();
        while (connected && !outbox.isEmpty()) {
            if (inFlightCount >= MAX_IN_FLIGHT) {
                // Ask for a wake-up by the next acknowledgement, then look again: one that came
                // before the flag was set is in the queue already (no lost wake-up).
                waitingForAcks = true;
                drainAcks();
                if (inFlightCount >= MAX_IN_FLIGHT) {
                    return;
                }
                waitingForAcks = false;
            }
            Outgoing next = outbox.peekFirst();
            if (!gateOpen && !next.birth()) {
                return;
            }
            outbox.removeFirst();
            if (!transmit(next)) {
                return;
            }
        }
    }

    /** Sends {@code next} and keeps it in flight; false (and {@code next} back in front) if refused. */
    private boolean transmit(Outgoing next) {
        Message m = next.message();
        try {
            inFlight[inFlightCount++] = next;
            transport.publish(m, new MqttTransport.Outcome() {
                @Override
                public void succeeded() {
                    addAck(next.id());
                    if (waitingForAcks) {
                        loop.execute(MqttSession.this::pump);
                    }
                }

                @Override
                public void failed(Throwable e) {
                    // A lost connection re-queues everything in flight; nothing more to do here.
                    LOG.debug("publish to {} failed: {}", m.topic(), describe(e));
                }
            });
            return true;
        } catch (IOException | RuntimeException e) {
            removeInFlight(next.id());
            outbox.addFirst(next);
            LOG.debug("publish to {} refused: {}", m.topic(), describe(e));
            return false;
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                && !m.contains(e.getCause().getMessage())) {
            m = m + " (" + e.getCause().getMessage() + ")";
        }
        return m;
    }
}
