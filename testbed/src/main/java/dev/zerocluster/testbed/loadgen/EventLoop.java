package dev.zerocluster.testbed.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zerocluster.core.cli.ExitCodes;
import dev.zerocluster.core.model.Json;
import dev.zerocluster.core.model.StatusMessage;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One selector thread driving a share of the simulated nodes. It opens their connections at the
 * ramp-up pace, sends each node's retained {@code online} once the broker accepted it, then one
 * health report per interval at the node's own phase, and reads CONNACK, PUBACK and PINGRESP.
 *
 * <p>The schedule is a ring, not a timer per node: nodes are sorted by their global index, whose
 * phase is {@code index × interval / totalNodes}, so the next report due is always the one after
 * the last sent, and a pass costs nothing per idle node. Everything here runs on the loop's thread
 * except {@link #stop}.
 */
final class EventLoop implements Runnable {
    /** How often connect timeouts and idle keepalives are checked. */
    private static final long SWEEP_NANOS = 250_000_000L;
    /** A connection whose unsent bytes pass this skips reports instead of buffering without end. */
    static final int MAX_UNSENT_BYTES = 64 * 1024;
    private static final int SCRATCH_BYTES = 64 * 1024;
    /** ISO-8601 with milliseconds always written: the master computes latency from it. */
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SimulatedNode[] nodes;
    private final LoadSettings settings;
    private final Counters counters;
    private final LongSupplier nanoTime;
    private final Clock wallClock;
    private final long startNanos;
    private final ObjectMapper mapper = Json.mapper();
    private final ByteBuffer scratch = ByteBuffer.allocate(SCRATCH_BYTES);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(InboundPackets.MAX_PACKET_BYTES + 8);
    private final ArrayDeque<SimulatedNode> retries = new ArrayDeque<>();
    private final Inbound inbound = new Inbound();
    private final Selector selector;
    private volatile boolean stopping;
    private int connectCursor;
    private int reportCursor;
    private long reportRound;
    private long nextSweepNanos;

    /** {@code nodes} sorted by index; {@code startNanos} is shared by every loop so phases line up. */
    EventLoop(List<SimulatedNode> nodes, LoadSettings settings, Counters counters, LongSupplier nanoTime,
              Clock wallClock, long startNanos) throws IOException {
        this.nodes = nodes.toArray(SimulatedNode[]::new);
        this.settings = settings;
        this.counters = counters;
        this.nanoTime = nanoTime;
        this.wallClock = wallClock;
        this.startNanos = startNanos;
        this.selector = Selector.open();
    }

    /** Asks the loop to disconnect its nodes and end; returns at once. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                long now = nanoTime.getAsLong();
                startConnects(now);
                startRetries(now);
                sendReports(now);
                if (now >= nextSweepNanos) {
                    sweep(now);
                    nextSweepNanos = now + SWEEP_NANOS;
                }
                long waitNanos = nextWakeNanos() - nanoTime.getAsLong();
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
                handleReady();
            }
        } catch (IOException e) {
            System.err.println("zc-loadgen: event loop failed: " + e);
        } finally {
            disconnectAll();
        }
    }

    private void startConnects(long now) {
        while (connectCursor < nodes.length && connectDue(nodes[connectCursor]) <= now) {
            open(nodes[connectCursor++], now);
        }
    }

    private void startRetries(long now) {
        while (!retries.isEmpty() && retries.peekFirst().deadlineNanos <= now) {
            open(retries.pollFirst(), now);
        }
    }

    private void sendReports(long now) {
        if (nodes.length == 0) {
            return;
        }
        long intervalNanos = settings.interval().toNanos();
        while (reportDue() <= now) {
            SimulatedNode n = nodes[reportCursor];
            if (now - reportDue() > intervalNanos) {
                counters.missed.increment();
            } else if (n.state == SimulatedNode.State.ONLINE) {
                sendHealth(n, now);
            }
            if (++reportCursor == nodes.length) {
                reportCursor = 0;
                reportRound++;
            }
        }
    }

    /** Connect attempts without an answer in time give up; idle sessions send a PINGREQ. */
    private void sweep(long now) {
        long idleNanos = settings.keepalive().toNanos() / 2;
        for (SimulatedNode n : nodes) {
            switch (n.state) {
                case CONNECTING, AWAITING_CONNACK -> {
                    if (now >= n.deadlineNanos) {
                        fail(n, "timeout", "no CONNACK within " + settings.connectTimeout().toMillis() + " ms", now);
                    }
                }
                case ONLINE -> {
                    if (now - n.lastSentNanos >= idleNanos) {
                        scratch.clear();
                        MqttPackets.pingreq(scratch);
                        send(n, now);
                        counters.pings.increment();
                    }
                }
                default -> { }
            }
        }
    }

    private long nextWakeNanos() {
        long next = nextSweepNanos;
        if (connectCursor < nodes.length) {
            next = Math.min(next, connectDue(nodes[connectCursor]));
        }
        if (!retries.isEmpty()) {
            next = Math.min(next, retries.peekFirst().deadlineNanos);
        }
        if (nodes.length > 0) {
            next = Math.min(next, reportDue());
        }
        return next;
    }

    private long connectDue(SimulatedNode n) {
        return startNanos + settings.rampUp().toNanos() * n.index / settings.totalNodes();
    }

    private long reportDue() {
        long interval = settings.interval().toNanos();
        return startNanos + reportRound * interval + interval * nodes[reportCursor].index / settings.totalNodes();
    }

    private void open(SimulatedNode n, long now) {
        counters.connectAttempts.increment();
        n.state = SimulatedNode.State.CONNECTING;
        n.deadlineNanos = now + settings.connectTimeout().toNanos();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            // Small packets that must leave at once: the master measures their latency.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            n.channel = channel;
            if (channel.connect(settings.broker())) {
                n.key = channel.register(selector, SelectionKey.OP_READ, n);
                sendConnect(n, now);
            } else {
                n.key = channel.register(selector, SelectionKey.OP_CONNECT, n);
            }
        } catch (IOException e) {
            n.channel = channel;
            fail(n, "connect", e.toString(), now);
        }
    }

    private void sendConnect(SimulatedNode n, long now) {
        scratch.clear();
        MqttPackets.connect(scratch, n.clientId, n.clientId, n.password, (int) settings.keepalive().toSeconds());
        n.state = SimulatedNode.State.AWAITING_CONNACK;
        send(n, now);
    }

    private void sendStatus(SimulatedNode n, long now) {
        StatusMessage online = new StatusMessage(StatusMessage.ONLINE, n.id.value(), TS.format(wallClock.instant()),
                StatusMessage.REASON_STARTUP, "zc-loadgen " + ExitCodes.version(), UUID.randomUUID().toString(),
                settings.interval().toMillis() / 1000.0);
        if (publish(n, n.statusTopic, serialize(online), true, now)) {
            counters.statusPublishes.increment();
        }
    }

    private void sendHealth(SimulatedNode n, long now) {
        if (n.unsentBytes() > MAX_UNSENT_BYTES) {
            counters.backpressure.increment();
            return;
        }
        double elapsedSeconds = (now - startNanos) / 1e9;
        // The time stamp is taken as late as possible: the master measures latency from it.
        byte[] payload = serialize(n.board.next(TS.format(wallClock.instant()), elapsedSeconds));
        if (publish(n, n.healthTopic, payload, false, now)) {
            counters.healthPublishes.increment();
        }
    }

    private byte[] serialize(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("the model's records always serialize", e);
        }
    }

    private boolean publish(SimulatedNode n, byte[] topic, byte[] payload, boolean retain, long now) {
        int size = MqttPackets.publishSize(topic, payload);
        ByteBuffer out = size <= scratch.capacity() ? scratch : ByteBuffer.allocate(size);
        out.clear();
        MqttPackets.publishQos1(out, topic, n.nextPacketId(), payload, retain);
        n.inFlight++;
        return send(n, out, now);
    }

    private boolean send(SimulatedNode n, long now) {
        return send(n, scratch, now);
    }

    /** Writes the packet in {@code out} (write mode) or queues what the socket does not take; false if the connection failed. */
    private boolean send(SimulatedNode n, ByteBuffer out, long now) {
        out.flip();
        try {
            if (n.unsent == null) {
                n.channel.write(out);
            }
            if (out.hasRemaining()) {
                queue(n, out);
                n.key.interestOps(n.key.interestOps() | SelectionKey.OP_WRITE);
            }
            n.lastSentNanos = now;
            return true;
        } catch (IOException e) {
            fail(n, "closed", e.toString(), now);
            return false;
        }
    }

    private static void queue(SimulatedNode n, ByteBuffer out) {
        if (n.unsent == null) {
            n.unsent = ByteBuffer.allocate(Math.max(4096, out.remaining()));
        } else if (n.unsent.remaining() < out.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(n.unsent.capacity() * 2, n.unsent.position() + out.remaining()));
            n.unsent.flip();
            bigger.put(n.unsent);
            n.unsent = bigger;
        }
        n.unsent.put(out);
    }

    private void handleReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            SimulatedNode n = (SimulatedNode) key.attachment();
            long now = nanoTime.getAsLong();
            if (!key.isValid() || n.key != key) {
                continue;
            }
            try {
                if (key.isConnectable()) {
                    n.channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    sendConnect(n, now);
                    continue;
                }
                if (key.isWritable()) {
                    flush(n);
                }
                if (key.isValid() && key.isReadable()) {
                    read(n, now);
                }
            } catch (InboundPackets.ProtocolException e) {
                fail(n, "protocol", e.getMessage(), now);
            } catch (IOException e) {
                fail(n, n.state == SimulatedNode.State.CONNECTING ? "connect" : "closed", e.toString(), now);
            }
        }
    }

    private static void flush(SimulatedNode n) throws IOException {
        n.unsent.flip();
        n.channel.write(n.unsent);
        n.unsent.compact();
        if (n.unsent.position() == 0) {
            n.unsent = null;
            n.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void read(SimulatedNode n, long now) throws IOException {
        readBuffer.clear();
        if (n.partial != null) {
            readBuffer.put(n.partial);
            n.partial = null;
        }
        int count = n.channel.read(readBuffer);
        if (count < 0) {
            fail(n, "closed", "the broker closed the connection"
                    + (n.state == SimulatedNode.State.AWAITING_CONNACK ? " before CONNACK" : ""), now);
            return;
        }
        readBuffer.flip();
        inbound.node = n;
        inbound.now = now;
        InboundPackets.read(readBuffer, inbound);
        if (readBuffer.hasRemaining() && n.key != null) {
            n.partial = new byte[readBuffer.remaining()];
            readBuffer.get(n.partial);
        }
    }

    /** The packets of the node being read; one instance, so reading allocates nothing. */
    private final class Inbound implements InboundPackets.Listener {
        SimulatedNode node;
        long now;

        @Override
        public void connack(int returnCode) throws IOException {
            if (node.state == SimulatedNode.State.WAITING_RETRY) {
                return;
            }
            if (node.state != SimulatedNode.State.AWAITING_CONNACK) {
                throw new InboundPackets.ProtocolException("CONNACK in state " + node.state);
            }
            if (returnCode != 0) {
                fail(node, "refused-" + returnCode, "CONNACK return code " + returnCode, now);
                return;
            }
            node.state = SimulatedNode.State.ONLINE;
            counters.connects.increment();
            counters.online.incrementAndGet();
            sendStatus(node, now);
        }

        @Override
        public void puback(int packetId) throws IOException {
            if (node.state == SimulatedNode.State.WAITING_RETRY) {
                return;
            }
            if (node.inFlight == 0) {
                throw new InboundPackets.ProtocolException("PUBACK " + packetId + " with nothing in flight");
            }
            node.inFlight--;
            counters.acks.increment();
        }

        @Override
        public void pingresp() {
            // Only proves the session is alive; the keepalive timer already counts from sending.
        }

        @Override
        public void other(int packetType) {
            // A publisher that subscribes to nothing gets nothing else; skipped by its length.
        }
    }

    /** Counts the failure, drops the connection and schedules a new attempt after the retry delay. */
    private void fail(SimulatedNode n, String kind, String detail, long now) {
        if (n.state == SimulatedNode.State.WAITING_RETRY) {
            // Already failed while the same read was being parsed.
            return;
        }
        if (counters.failure(kind)) {
            System.err.println("zc-loadgen: first '" + kind + "' failure (" + n.id + "): " + detail);
        }
        if (n.state == SimulatedNode.State.ONLINE) {
            counters.online.decrementAndGet();
        }
        close(n);
        n.state = SimulatedNode.State.WAITING_RETRY;
        n.deadlineNanos = now + settings.retryDelay().toNanos();
        retries.addLast(n);
    }

    private static void close(SimulatedNode n) {
        if (n.key != null) {
            n.key.cancel();
        }
        if (n.channel != null) {
            try {
                n.channel.close();
            } catch (IOException e) {
                // Closing a socket we are giving up on: nothing left to save.
            }
        }
        n.reset();
    }

    /** A clean DISCONNECT for every connected node (so the broker sends no will), then every socket closed. */
    private void disconnectAll() {
        for (SimulatedNode n : nodes) {
            if (n.state == SimulatedNode.State.ONLINE) {
                if (n.unsent == null) {
                    scratch.clear();
                    MqttPackets.disconnect(scratch);
                    scratch.flip();
                    try {
                        n.channel.write(scratch);
                    } catch (IOException e) {
                        // The broker sees the connection end when it closes below anyway.
                    }
                }
                counters.online.decrementAndGet();
            }
            close(n);
            n.state = SimulatedNode.State.IDLE;
        }
        try {
            selector.close();
        } catch (IOException e) {
            // Ending anyway.
        }
    }
}
