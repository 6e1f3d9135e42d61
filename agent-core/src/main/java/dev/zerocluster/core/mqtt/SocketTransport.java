package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.system.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 client on a non-blocking {@link SocketChannel}, read by an {@link EventLoop}'s own
 * thread: the node's, which wakes once a second anyway. There is no reader thread. Packets are
 * written whole on the caller's thread, and what the broker sent is read at the end of each of the
 * loop's wake-ups ({@link EventLoop#setIdleTask}): a report's PUBACK is read when the loop next
 * wakes, with no thread woken for it. A thread blocked on the socket cost a report a wake-up of its
 * own, a fifth of its CPU (docs/performance.md, "Node footprint"); Paho's client wakes three
 * threads per message.
 *
 * <p>So what arrives waits for the loop's next wake-up, at most {@link #POLL_INTERVAL} (the loop is
 * woken for it when nothing else wakes it), and at most {@link #WAIT_INTERVAL} while answers are
 * wanted: a CONNACK, a SUBACK, a PUBACK that {@link Outcome#awaited} says a caller is waiting for
 * (a graceful goodbye), or more than one PUBACK (a backlog going out after a reconnect); and after
 * a look that found a message, since the broker may hold more behind it until it has our PUBACK. A
 * connection the broker closed is noticed the same way.
 *
 * <p>Keepalive (section 3.1.2.10): a PINGREQ goes out when nothing was sent or received for a
 * keepalive, and a connection that answers nothing for a keepalive after it is lost. A connection
 * that sends no CONNACK within 5 s fails. Incoming QoS 1 messages are acknowledged after the
 * handler ran. No QoS 2, no persistent sessions, no TLS: the node's link to its master is private.
 */
public final class SocketTransport implements MqttTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest the loop leaves the socket unread when nothing waits for an answer. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** The longest while something does. */
    static final Duration WAIT_INTERVAL = Duration.ofMillis(20);
    private static final long POLL_NANOS = POLL_INTERVAL.toNanos();
    private static final long WAIT_NANOS = WAIT_INTERVAL.toNanos();
    /**
     * Room for every message the session keeps in flight (32 reports of a few kB): a broker that
     * leaves this much unread is taken for gone, and the connection is closed.
     */
    private static final int SEND_BUFFER_BYTES = 256 * 1024;
    /** What one read takes from the socket; a longer packet is read over several. */
    private static final int READ_BUFFER_BYTES = 1024;
    /** What a write copies into the socket at once: a report and its header; a longer packet in parts. */
    private static final int WRITE_BUFFER_BYTES = 4096;
    /** How long ending a connection waits for a writer before closing under it. */
    private static final long END_WAIT_MILLIS = 200;
    /** The largest incoming packet; the node receives small retained JSON messages only. */
    public static final int DEFAULT_MAX_INBOUND_BYTES = 256 * 1024;
    private static final Runnable NOTHING = () -> { };

    private final String threadName;
    private final int maxInboundBytes;
    private final EventLoop loop;
    private final boolean ownsLoop;
    private volatile Connection current;

    /** A transport with a loop of its own. */
    public SocketTransport(String clientId) {
        this(clientId, DEFAULT_MAX_INBOUND_BYTES);
    }

    /** A transport with a loop of its own. */
    public SocketTransport(String clientId, int maxInboundBytes) {
        this(clientId, maxInboundBytes, EventLoop.start("mqtt-" + clientId), true);
    }

    /**
     * A transport read by {@code loop} (the node's), whose idle task it takes; what it runs there
     * is short and never blocks.
     */
    public SocketTransport(String clientId, EventLoop loop) {
        this(clientId, DEFAULT_MAX_INBOUND_BYTES, loop, false);
    }

    private SocketTransport(String clientId, int maxInboundBytes, EventLoop loop, boolean ownsLoop) {
        this.threadName = "mqtt-connect-" + clientId;
        this.maxInboundBytes = maxInboundBytes;
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        loop.setIdleTask(this::poll);
    }

    @Override
    public void connect(Connect connect, Events events, Outcome outcome) throws IOException {
        String scheme = connect.url().getScheme();
        if (!"tcp".equals(scheme) && !"mqtt".equals(scheme)) {
            throw new IOException("cannot reach " + connect.url() + ": this client speaks plain tcp:// only");
        }
        if (connect.url().getHost() == null) {
            throw new IOException("no host in " + connect.url());
        }
        byte[] hello = MqttCodec.connect(connect.clientId(), connect.username(), connect.password(),
                (int) connect.keepalive().toSeconds(), connect.will());
        Connection old = current;
        if (old != null) {
            old.end(null);
        }
        Connection c = new Connection(connect, events, outcome, hello, SocketChannel.open());
        current = c;
        // The TCP handshake may take its 5 s: on a thread of its own, not the loop's.
        Thread t = new Thread(c::open, threadName);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void subscribe(String[] filters, int[] qos, Outcome outcome) throws IOException {
        connected().subscribe(filters, qos, outcome);
    }

    @Override
    public void publish(MqttSession.Message message, Outcome outcome) throws IOException {
        connected().publish(message, outcome);
    }

    @Override
    public boolean isConnected() {
        Connection c = current;
        return c != null && c.ready;
    }

    @Override
    public void drop() {
        Connection c = current;
        if (c != null) {
            c.end(null);
        }
    }

    @Override
    public void disconnect(Duration bound) {
        Connection c = current;
        if (c != null) {
            c.end(MqttCodec.disconnect());
        }
    }

    @Override
    public void close() {
        drop();
        current = null;
        if (ownsLoop) {
            loop.shutdownNow();
        } else {
            loop.setIdleTask(null);
        }
    }

    private Connection connected() throws IOException {
        Connection c = current;
        if (c == null || !c.ready) {
            throw new IOException("not connected");
        }
        return c;
    }

    /** On the loop, at the end of each wake-up: returns how long the socket may stay unread. */
    private long poll() {
        Connection c = current;
        return c == null ? 0 : c.poll();
    }

    /** One TCP connection; ends once, after which it sends and reports nothing. */
    private final class Connection {
        private final Connect connect;
        private final Events events;
        private final Outcome connected;
        private final byte[] hello;
        private final long keepaliveNanos;
        private final SocketChannel channel;
        private final ReentrantLock writeLock = new ReentrantLock();
        /** What a packet is copied into for the socket; with {@link #writeLock} held. */
        private final ByteBuffer outBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
        /** What a read takes from the socket, and the packets it makes; the loop's. */
        private final ByteBuffer inBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        private final MqttCodec.PacketReader packets;
        private final Pending waiting = new Pending();
        /** The topic of the last PUBLISH and its encoding: a node publishes to the same few topics. */
        private String lastTopic;
        private byte[] lastTopicName;
        private int lastPacketId;
        /** Set once the TCP connection is up and the CONNECT written: from then on the loop reads. */
        private volatile boolean open;
        private volatile boolean ready;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile long openedNanos;
        private volatile long lastSentNanos;
        /** The loop's. */
        private long lastReceivedNanos;
        /** When the PINGREQ still unanswered went out, 0 when none is; the loop's. */
        private long pingSentNanos;
        /** Whether the last look found a message from the broker (more may wait behind it); the loop's. */
        private boolean gotMessage;

        Connection(Connect connect, Events events, Outcome connected, byte[] hello, SocketChannel channel) {
            this.connect = connect;
            this.events = events;
            this.connected = connected;
            this.hello = hello;
            this.keepaliveNanos = connect.keepalive().toNanos();
            this.channel = channel;
            this.packets = new MqttCodec.PacketReader(maxInboundBytes);
        }

        /** On the connecting thread: the TCP connection and the CONNECT; the loop reads the CONNACK. */
        void open() {
            try {
                int port = connect.url().getPort() < 0 ? 1883 : connect.url().getPort();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
                channel.socket().connect(new InetSocketAddress(connect.url().getHost(), port),
                        (int) CONNECT_TIMEOUT.toMillis());
                channel.configureBlocking(false);
                openedNanos = System.nanoTime();
                open = true;
                write(hello);
                loop.execute(NOTHING);
            } catch (IOException | RuntimeException e) {
                if (end(null)) {
                    connected.failed(e);
                }
            }
        }

        /**
         * On the loop: reads what came and acts on it, keeps the connection alive, and says how
         * long the socket may stay unread.
         */
        long poll() {
            if (!open || ended.get()) {
                return 0;
            }
            try {
                gotMessage = false;
                long now = readAvailable();
                if (!ready) {
                    if (now - openedNanos >= CONNECT_TIMEOUT.toNanos()) {
                        throw new IOException("no CONNACK within " + CONNECT_TIMEOUT.toSeconds() + " s");
                    }
                    return WAIT_NANOS;
                }
                long keepalive = keepAlive(now);
                return Math.min(gotMessage || waiting.wanted() ? WAIT_NANOS : POLL_NANOS, keepalive);
            } catch (IOException | RuntimeException e) {
                fail(e);
                return 0;
            }
        }

        /** Reads until the socket has nothing more, handling each whole packet; returns the time after. */
        private long readAvailable() throws IOException {
            ByteBuffer in = inBuffer;
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    throw packets.endOfStream();
                }
                long now = System.nanoTime();
                if (n == 0) {
                    return now;
                }
                lastReceivedNanos = now;
                pingSentNanos = 0;
                in.flip();
                for (MqttCodec.Packet p; (p = packets.next(in)) != null; ) {
                    handle(p);
                }
                if (n < in.capacity()) {
                    // The socket had less than a buffer: nothing more to read now, and no read to find that out.
                    return now;
                }
            }
        }

        /**
         * On the loop: a PINGREQ after a quiet keepalive, and a verdict on one left unanswered;
         * returns how long until the next of those could be due.
         */
        private long keepAlive(long now) throws IOException {
            if (pingSentNanos != 0) {
                long left = pingSentNanos + keepaliveNanos - now;
                if (left <= 0) {
                    throw new IOException("no answer from the broker for " + connect.keepalive().toSeconds()
                            + " s after a PINGREQ");
                }
                return left;
            }
            long left = Math.min(lastSentNanos, lastReceivedNanos) + keepaliveNanos - now;
            if (left > 0) {
                return left;
            }
            pingSentNanos = now;
            write(MqttCodec.pingreq());
            return keepaliveNanos;
        }

        private void fail(Throwable cause) {
            boolean wasReady = ready;
            if (!end(null)) {
                return;
            }
            if (!wasReady) {
                connected.failed(cause);
                return;
            }
            // The loss first: the session must know before it hears of failed operations.
            events.lost(cause);
            failWaiting(cause);
        }

        private void handle(MqttCodec.Packet p) throws IOException {
            if (!ready) {
                int code = MqttCodec.connackCode(p);
                if (code != 0) {
                    throw new IOException("the broker " + MqttCodec.describeConnackCode(code) + " (CONNACK " + code + ")");
                }
                ready = true;
                connected.succeeded();
                return;
            }
            switch (p.type()) {
                case MqttCodec.PUBACK -> {
                    Pending.Entry e = waiting.remove(MqttCodec.packetId(p));
                    if (e != null) {
                        e.outcome().succeeded();
                    }
                }
                case MqttCodec.SUBACK -> {
                    int id = MqttCodec.packetId(p);
                    byte[] codes = MqttCodec.subackCodes(p);
                    Pending.Entry e = waiting.remove(id);
                    if (e == null) {
                        return;
                    }
                    String[] filters = e.filters();
                    for (int i = 0; i < codes.length; i++) {
                        if ((codes[i] & 0x80) != 0) {
                            e.outcome().failed(new IOException("the broker refused the subscription to "
                                    + (filters != null && i < filters.length ? filters[i] : "filter " + i)));
                            return;
                        }
                    }
                    e.outcome().succeeded();
                }
                case MqttCodec.PUBLISH -> {
                    gotMessage = true;
                    MqttCodec.Publish m = MqttCodec.parsePublish(p);
                    if (m.qos() > 1) {
                        throw new MqttProtocolException("a QoS 2 PUBLISH on " + m.topic() + ", but every subscription"
                                + " asked for QoS 1 at most");
                    }
                    try {
                        events.arrived(m.topic(), m.payload());
                    } catch (RuntimeException e) {
                        LOG.warn("handling a message on {} failed: {}", m.topic(), e.toString());
                    }
                    if (m.qos() == 1) {
                        write(MqttCodec.puback(m.packetId()));
                    }
                }
                case MqttCodec.PINGRESP -> {
                    // Liveness only.
                }
                default -> throw new MqttProtocolException("a packet of type " + p.type()
                        + " that a broker does not send to a client");
            }
        }

        void subscribe(String[] filters, int[] qos, Outcome outcome) throws IOException {
            writeLock.lock();
            try {
                int id = nextPacketId();
                waiting.put(id, outcome, filters.clone(), true);
                writeOrForget(MqttCodec.subscribe(id, filters, qos), id);
            } finally {
                writeLock.unlock();
            }
            lookSoonIfWanted();
        }

        void publish(MqttSession.Message m, Outcome outcome) throws IOException {
            if (m.qos() == 0) {
                write(MqttCodec.publish(m.topic(), m.payload(), 0, m.retained(), 0));
                outcome.succeeded();
                return;
            }
            writeLock.lock();
            try {
                int id = nextPacketId();
                waiting.put(id, outcome, null, outcome.awaited());
                writeOrForget(MqttCodec.publish(topicName(m.topic()), m.payload(), m.qos(), m.retained(), id), id);
            } finally {
                writeLock.unlock();
            }
            lookSoonIfWanted();
        }

        /**
         * When answers are wanted, the loop looks at the socket every {@link #WAIT_INTERVAL}: on
         * the loop, from the end of this wake-up on; from another thread, the loop is woken for it.
         */
        private void lookSoonIfWanted() {
            if (!loop.inLoop() && waiting.wanted()) {
                loop.execute(NOTHING);
            }
        }

        private void writeOrForget(byte[] packet, int id) throws IOException {
            try {
                write(packet);
            } catch (IOException e) {
                waiting.remove(id);
                throw e;
            }
        }

        /** {@code topic} encoded, from the last PUBLISH when it is the same string; with {@link #writeLock} held. */
        private byte[] topicName(String topic) {
            if (topic != lastTopic) {
                lastTopicName = MqttCodec.topicName(topic);
                lastTopic = topic;
            }
            return lastTopicName;
        }

        /** The next packet id not waiting for an answer (section 2.3.1); with {@link #writeLock} held. */
        private int nextPacketId() throws IOException {
            for (int tries = 0; tries < 65_535; tries++) {
                lastPacketId = lastPacketId == 65_535 ? 1 : lastPacketId + 1;
                if (!waiting.contains(lastPacketId)) {
                    return lastPacketId;
                }
            }
            throw new IOException("all 65535 packet ids are waiting for an answer");
        }

        /**
         * Writes one whole packet; packets from the caller and the loop never interleave. A broker
         * that leaves {@link #SEND_BUFFER_BYTES} unread is taken for gone: the connection is
         * closed, and the loop reports it.
         */
        private void write(byte[] packet) throws IOException {
            writeLock.lock();
            try {
                if (ended.get() || !open) {
                    throw new IOException("the connection to " + connect.url() + " is closed");
                }
                ByteBuffer b = outBuffer;
                try {
                    for (int at = 0; at < packet.length; ) {
                        int n = Math.min(b.capacity(), packet.length - at);
                        b.clear();
                        b.put(packet, at, n);
                        b.flip();
                        at += n;
                        while (b.hasRemaining()) {
                            if (channel.write(b) == 0) {
                                throw new IOException("the broker at " + connect.url() + " reads nothing: "
                                        + SEND_BUFFER_BYTES / 1024 + " KiB wait unread");
                            }
                        }
                    }
                } catch (IOException e) {
                    closeChannel();
                    throw e;
                }
                lastSentNanos = System.nanoTime();
            } finally {
                writeLock.unlock();
            }
        }

        /**
         * Ends the connection, with {@code lastPacket} (DISCONNECT) written first if the writer is
         * free within {@link #END_WAIT_MILLIS}; the channel is closed either way. True for the one
         * call that ended it: only that one may report.
         */
        boolean end(byte[] lastPacket) {
            if (ended.get()) {
                return false;
            }
            if (lastPacket != null && ready) {
                try {
                    if (writeLock.tryLock(END_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        try {
                            write(lastPacket);
                        } finally {
                            writeLock.unlock();
                        }
                    }
                } catch (IOException e) {
                    LOG.debug("DISCONNECT to {}: {}", connect.url(), e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean first = ended.compareAndSet(false, true);
            ready = false;
            closeChannel();
            return first;
        }

        private void closeChannel() {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }

        /** Outside the monitor: an outcome may call back into the session. */
        private void failWaiting(Throwable cause) {
            for (Pending.Entry e : waiting.removeAll()) {
                e.outcome().failed(cause);
            }
        }
    }

    /**
     * What waits for an answer, by packet id, with the filters of a SUBSCRIBE; guarded by its own
     * monitor. An array searched by id rather than a HashMap: a node has a report or two in flight,
     * and the map's methods and its keys' Integer boxes are compiled early in the JVM's life, each
     * on a code page of its own that every report then touched after an idle second
     * (docs/performance.md, "Node footprint").
     */
    private static final class Pending {
        record Entry(int id, Outcome outcome, String[] filters, boolean awaited) {
        }

        private Entry[] entries = new Entry[8];
        private int count;
        /** How many entries someone waits for (SUBSCRIBEs, and PUBLISHes whose outcome is awaited). */
        private int awaitedCount;

        synchronized boolean contains(int id) {
            return indexOf(id) >= 0;
        }

        synchronized void put(int id, Outcome outcome, String[] filters, boolean awaited) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, count * 2);
            }
            entries[count++] = new Entry(id, outcome, filters, awaited);
            if (awaited) {
                awaitedCount++;
            }
        }

        /**
         * Whether answers are wanted soon: someone waits for one, or more than one is owed (a
         * backlog going out after a reconnect, paced by the session's window of messages in
         * flight). Not for the one PUBACK a report leaves owed, which the next wake-up reads.
         */
        synchronized boolean wanted() {
            return awaitedCount > 0 || count > 1;
        }

        /** The entry for {@code id}, taken out; null when nothing waits for it. */
        synchronized Entry remove(int id) {
            int i = indexOf(id);
            if (i < 0) {
                return null;
            }
            Entry e = entries[i];
            if (e.awaited()) {
                awaitedCount--;
            }
            // Answers come in the order of the requests (section 4.6), so this is nearly always the first.
            System.arraycopy(entries, i + 1, entries, i, count - i - 1);
            entries[--count] = null;
            return e;
        }

        synchronized Entry[] removeAll() {
            Entry[] all = Arrays.copyOf(entries, count);
            Arrays.fill(entries, 0, count, null);
            count = 0;
            awaitedCount = 0;
            return all;
        }

        private int indexOf(int id) {
            for (int i = 0; i < count; i++) {
                if (entries[i].id() == id) {
                    return i;
                }
            }
            return -1;
        }
    }
}
