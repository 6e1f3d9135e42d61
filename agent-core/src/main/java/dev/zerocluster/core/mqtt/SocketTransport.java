package dev.zerocluster.core.mqtt;

import dev.zerocluster.core.system.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 client on a blocking {@link SocketChannel} with one thread, which connects and then
 * reads. Packets are written whole, on the caller's thread: a node's report goes out from the
 * thread that made it, and its PUBACK wakes the reader alone. Paho's client wakes three threads per
 * message (sender, receiver, and the callback thread it hands every acknowledgement to), about a
 * quarter of a node's CPU per report (docs/performance.md, "Node footprint").
 *
 * <p>The reader waits in a plain blocking read, without a timeout, and both directions go through
 * direct buffers of the connection's own. A socket's stream with a timeout made every PUBACK cost
 * a read that found nothing, a poll, and the read, each through a temporary direct buffer the JDK
 * looks up per call; here it is one read (docs/performance.md, "Node footprint").
 *
 * <p>Keepalive (section 3.1.2.10) is therefore kept by a timer, the node's own loop or one of the
 * transport's: a PINGREQ goes out when nothing was sent or received for a keepalive, and a
 * connection that answers nothing for a keepalive after it is closed as lost (the reader, woken by
 * the close, reports it). A connection that sends no CONNACK within 5 s fails the same way.
 * Incoming QoS 1 messages are acknowledged after the handler ran. No QoS 2, no persistent
 * sessions, no TLS: the node's link to its master is private.
 */
public final class SocketTransport implements MqttTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Room for every message the session keeps in flight (32 reports of a few kB) even when the
     * broker stops reading, so a write never blocks the node's thread; the keepalive then finds
     * the broker silent and closes the connection.
     */
    private static final int SEND_BUFFER_BYTES = 256 * 1024;
    /**
     * What the reader takes from the socket at once. A node receives small packets
     * (acknowledgements, a status, an SSH key), and a longer body is read in parts.
     */
    private static final int READ_BUFFER_BYTES = 1024;
    /** What a write copies into the socket at once: a report and its header, a longer packet in parts. */
    private static final int WRITE_BUFFER_BYTES = 4096;
    /** How long ending a connection waits for a writer before closing under it. */
    private static final long END_WAIT_MILLIS = 200;
    /** The largest incoming packet; the node receives small retained JSON messages only. */
    public static final int DEFAULT_MAX_INBOUND_BYTES = 256 * 1024;

    private final String threadName;
    private final int maxInboundBytes;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private volatile Connection current;

    /** A transport with a timer thread of its own. */
    public SocketTransport(String clientId) {
        this(clientId, DEFAULT_MAX_INBOUND_BYTES);
    }

    /** A transport with a timer thread of its own. */
    public SocketTransport(String clientId, int maxInboundBytes) {
        this(clientId, maxInboundBytes, EventLoop.start("mqtt-timer-" + clientId), true);
    }

    /**
     * A transport whose keepalive runs on {@code timer} (the node's loop, which wakes anyway: no
     * thread of its own to wake); its tasks are short and never block.
     */
    public SocketTransport(String clientId, ScheduledExecutorService timer) {
        this(clientId, DEFAULT_MAX_INBOUND_BYTES, timer, false);
    }

    private SocketTransport(String clientId, int maxInboundBytes, ScheduledExecutorService timer, boolean ownsTimer) {
        this.threadName = "mqtt-in-" + clientId;
        this.maxInboundBytes = maxInboundBytes;
        this.timer = timer;
        this.ownsTimer = ownsTimer;
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
        Thread t = new Thread(c::run, threadName);
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
        if (ownsTimer) {
            timer.shutdownNow();
        }
    }

    private Connection connected() throws IOException {
        Connection c = current;
        if (c == null || !c.ready) {
            throw new IOException("not connected");
        }
        return c;
    }

    /** One TCP connection and its reader; ends once, after which it sends and reports nothing. */
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
        private final Pending waiting = new Pending();
        /** The topic of the last PUBLISH and its encoding: a node publishes to the same few topics. */
        private String lastTopic;
        private byte[] lastTopicName;
        private int lastPacketId;
        /** Set once the TCP connection is up: before it, writes are refused. */
        private volatile boolean open;
        private volatile boolean ready;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile long lastSentNanos;
        private volatile long lastReceivedNanos;
        /** When the PINGREQ still unanswered went out; 0 when none is. */
        private volatile long pingSentNanos;
        /** Why the timer closed the connection under the reader, which reports it. */
        private volatile IOException abortCause;
        /** The timer's next look at the connection; with the connection's monitor held. */
        private ScheduledFuture<?> nextCheck;

        Connection(Connect connect, Events events, Outcome connected, byte[] hello, SocketChannel channel) {
            this.connect = connect;
            this.events = events;
            this.connected = connected;
            this.hello = hello;
            this.keepaliveNanos = connect.keepalive().toNanos();
            this.channel = channel;
        }

        void run() {
            ChannelInput in;
            try {
                int port = connect.url().getPort() < 0 ? 1883 : connect.url().getPort();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
                channel.socket().connect(new InetSocketAddress(connect.url().getHost(), port),
                        (int) CONNECT_TIMEOUT.toMillis());
                in = new ChannelInput(channel, READ_BUFFER_BYTES);
                open = true;
                check(CONNECT_TIMEOUT.toNanos());
                write(hello);
                int code = MqttCodec.connackCode(MqttCodec.read(in, maxInboundBytes));
                if (code != 0) {
                    throw new IOException("the broker " + MqttCodec.describeConnackCode(code) + " (CONNACK " + code + ")");
                }
            } catch (IOException | RuntimeException e) {
                if (end(null)) {
                    connected.failed(abortCause != null ? abortCause : e);
                }
                return;
            }
            lastReceivedNanos = System.nanoTime();
            ready = true;
            check(keepaliveNanos);
            connected.succeeded();
            read(in);
        }

        private void read(InputStream in) {
            Throwable cause;
            try {
                while (true) {
                    MqttCodec.Packet p = MqttCodec.read(in, maxInboundBytes);
                    lastReceivedNanos = System.nanoTime();
                    pingSentNanos = 0;
                    handle(p);
                }
            } catch (IOException | RuntimeException e) {
                cause = abortCause != null ? abortCause : e;
            }
            if (end(null)) {
                // The loss first: the session must know before it hears of failed operations.
                events.lost(cause);
                failWaiting(cause);
            }
        }

        private void handle(MqttCodec.Packet p) throws IOException {
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

        /** Asks the timer to look at the connection in {@code delayNanos}. */
        private synchronized void check(long delayNanos) {
            if (ended.get()) {
                return;
            }
            try {
                nextCheck = timer.schedule(this::keepAlive, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The timer stopped: the transport is closing.
            }
        }

        /**
         * On the timer: fails a connect without a CONNACK; on a connection, a PINGREQ after a
         * quiet keepalive and a verdict on one left unanswered. Then it looks again when the next
         * of those could be due, so a node reporting more often than its keepalive is looked at
         * once a keepalive.
         */
        private void keepAlive() {
            if (ended.get()) {
                return;
            }
            if (!ready) {
                abort(new IOException("no CONNACK within " + CONNECT_TIMEOUT.toSeconds() + " s"));
                return;
            }
            long now = System.nanoTime();
            long ping = pingSentNanos;
            if (ping != 0) {
                if (now - ping >= keepaliveNanos) {
                    abort(new IOException("no answer from the broker for " + connect.keepalive().toSeconds()
                            + " s after a PINGREQ"));
                    return;
                }
                check(ping + keepaliveNanos - now);
                return;
            }
            long quietSince = Math.min(lastSentNanos, lastReceivedNanos);
            if (now - quietSince >= keepaliveNanos) {
                pingSentNanos = now;
                try {
                    write(MqttCodec.pingreq());
                } catch (IOException e) {
                    // The reader sees the closed channel and reports the loss.
                    return;
                }
                check(keepaliveNanos);
                return;
            }
            check(quietSince + keepaliveNanos - now);
        }

        /** Closes the channel under the reader, which reports {@code cause}. */
        private void abort(IOException cause) {
            abortCause = cause;
            closeChannel();
        }

        void subscribe(String[] filters, int[] qos, Outcome outcome) throws IOException {
            writeLock.lock();
            try {
                int id = nextPacketId();
                waiting.put(id, outcome, filters.clone());
                writeOrForget(MqttCodec.subscribe(id, filters, qos), id);
            } finally {
                writeLock.unlock();
            }
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
                waiting.put(id, outcome, null);
                writeOrForget(MqttCodec.publish(topicName(m.topic()), m.payload(), m.qos(), m.retained(), id), id);
            } finally {
                writeLock.unlock();
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

        /** Writes one whole packet; packets from the caller, the reader and the timer never interleave. */
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
                            channel.write(b);
                        }
                    }
                } catch (IOException e) {
                    // The reader sees the closed channel and reports the loss.
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
         * free within {@link #END_WAIT_MILLIS}; the channel is closed either way, which also frees
         * a reader or a writer blocked on it. True for the one call that ended it: only that one
         * may report.
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
            synchronized (this) {
                if (nextCheck != null) {
                    nextCheck.cancel(false);
                }
            }
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
     * The connection's input: a blocking channel read into a direct buffer of its own, so a read
     * is one system call with no copy through the JDK's per-thread temporary buffers. Used by the
     * reader alone.
     */
    static final class ChannelInput extends InputStream {
        private final ReadableByteChannel channel;
        private final ByteBuffer buffer;

        ChannelInput(ReadableByteChannel channel, int bufferBytes) {
            this.channel = channel;
            this.buffer = ByteBuffer.allocateDirect(bufferBytes);
            buffer.flip();
        }

        @Override
        public int read() throws IOException {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return buffer.get() & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** Waits for more; false at the end of the stream. */
        private boolean fill() throws IOException {
            buffer.clear();
            int n;
            do {
                n = channel.read(buffer);
            } while (n == 0);
            buffer.flip();
            return n > 0;
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
        record Entry(int id, Outcome outcome, String[] filters) {
        }

        private Entry[] entries = new Entry[8];
        private int count;

        synchronized boolean contains(int id) {
            return indexOf(id) >= 0;
        }

        synchronized void put(int id, Outcome outcome, String[] filters) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, count * 2);
            }
            entries[count++] = new Entry(id, outcome, filters);
        }

        /** The entry for {@code id}, taken out; null when nothing waits for it. */
        synchronized Entry remove(int id) {
            int i = indexOf(id);
            if (i < 0) {
                return null;
            }
            Entry e = entries[i];
            // Answers come in the order of the requests (section 4.6), so this is nearly always the first.
            System.arraycopy(entries, i + 1, entries, i, count - i - 1);
            entries[--count] = null;
            return e;
        }

        synchronized Entry[] removeAll() {
            Entry[] all = Arrays.copyOf(entries, count);
            Arrays.fill(entries, 0, count, null);
            count = 0;
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
