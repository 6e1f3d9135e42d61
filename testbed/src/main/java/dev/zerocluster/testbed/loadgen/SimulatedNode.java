package dev.zerocluster.testbed.loadgen;

import dev.zerocluster.core.model.NodeId;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One simulated node's connection: its identity, where its MQTT session is, and its unsent bytes. */
final class SimulatedNode {
    enum State { IDLE, CONNECTING, AWAITING_CONNACK, ONLINE, WAITING_RETRY }

    final int index;
    final NodeId id;
    final byte[] clientId;
    /** Null when the broker lets nodes in without a password. */
    final byte[] password;
    final byte[] statusTopic;
    final byte[] healthTopic;
    final SimulatedBoard board;

    State state = State.IDLE;
    SocketChannel channel;
    SelectionKey key;
    /** When a connect attempt that has no CONNACK yet gives up, or when a retry is due. */
    long deadlineNanos;
    long lastSentNanos;
    int inFlight;
    /** Bytes the socket did not take yet, in write mode; null when there are none. */
    ByteBuffer unsent;
    /** The start of a packet whose rest has not arrived; null when there is none. */
    byte[] partial;
    private int lastPacketId;

    SimulatedNode(int index, NodeId id, String password, String statusTopic, String healthTopic) {
        this.index = index;
        this.id = id;
        this.clientId = id.value().getBytes(StandardCharsets.UTF_8);
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        this.statusTopic = statusTopic.getBytes(StandardCharsets.UTF_8);
        this.healthTopic = healthTopic.getBytes(StandardCharsets.UTF_8);
        this.board = new SimulatedBoard(id, index);
    }

    /** Section 2.3.1: non-zero, and free again once acknowledged; 65,535 in flight never happens here. */
    int nextPacketId() {
        lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
        return lastPacketId;
    }

    int unsentBytes() {
        return unsent == null ? 0 : unsent.position();
    }

    /** Forgets the connection; the caller closes the channel. */
    void reset() {
        channel = null;
        key = null;
        inFlight = 0;
        unsent = null;
        partial = null;
        lastPacketId = 0;
    }
}
