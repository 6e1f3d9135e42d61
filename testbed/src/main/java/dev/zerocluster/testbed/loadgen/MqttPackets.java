package dev.zerocluster.testbed.loadgen;

import dev.zerocluster.core.mqtt.MqttCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encoders for the few MQTT 3.1.1 control packets a simulated node sends (OASIS MQTT Version 3.1.1,
 * section 3). Each writes one whole packet into {@code out} at its position; the caller makes sure
 * it fits ({@link #connectSize}, {@link #publishSize}).
 */
final class MqttPackets {
    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    static final int MAX_REMAINING_LENGTH = MqttCodec.MAX_REMAINING_LENGTH;

    private static final byte[] PROTOCOL_NAME = "MQTT".getBytes(StandardCharsets.US_ASCII);
    /** Section 3.1.2.2: 4 is MQTT 3.1.1. */
    private static final int PROTOCOL_LEVEL = 4;
    private static final int FLAG_USER_NAME = 0x80;
    private static final int FLAG_PASSWORD = 0x40;
    private static final int FLAG_CLEAN_SESSION = 0x02;
    private static final int QOS_1 = 1 << 1;
    private static final int RETAIN = 1;

    private MqttPackets() {
    }

    /** Section 2.2.3, as the agents' own codec writes it. */
    static void putRemainingLength(ByteBuffer out, int length) {
        MqttCodec.putRemainingLength(out, length);
    }

    static int remainingLengthSize(int length) {
        return MqttCodec.remainingLengthSize(length);
    }

    /**
     * CONNECT with a clean session, a user name and, when {@code password} is not null, a password
     * (section 3.1). No will: the broker's presence events, not wills, tell the master who left.
     */
    static void connect(ByteBuffer out, byte[] clientId, byte[] userName, byte[] password, int keepaliveSeconds) {
        if (keepaliveSeconds < 0 || keepaliveSeconds > 0xFFFF) {
            throw new IllegalArgumentException("keepalive " + keepaliveSeconds + " s does not fit 16 bits");
        }
        int flags = FLAG_CLEAN_SESSION | FLAG_USER_NAME | (password != null ? FLAG_PASSWORD : 0);
        out.put((byte) (CONNECT << 4));
        putRemainingLength(out, connectRemaining(clientId, userName, password));
        putField(out, PROTOCOL_NAME);
        out.put((byte) PROTOCOL_LEVEL);
        out.put((byte) flags);
        out.putShort((short) keepaliveSeconds);
        putField(out, clientId);
        putField(out, userName);
        if (password != null) {
            putField(out, password);
        }
    }

    static int connectSize(byte[] clientId, byte[] userName, byte[] password) {
        int remaining = connectRemaining(clientId, userName, password);
        return 1 + remainingLengthSize(remaining) + remaining;
    }

    /** PUBLISH at QoS 1 (section 3.3): topic, packet id, payload. */
    static void publishQos1(ByteBuffer out, byte[] topic, int packetId, byte[] payload, boolean retain) {
        if (packetId < 1 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("packet id " + packetId + " is outside 1..65535");
        }
        out.put((byte) (PUBLISH << 4 | QOS_1 | (retain ? RETAIN : 0)));
        putRemainingLength(out, publishRemaining(topic, payload));
        putField(out, topic);
        out.putShort((short) packetId);
        out.put(payload);
    }

    static int publishSize(byte[] topic, byte[] payload) {
        int remaining = publishRemaining(topic, payload);
        return 1 + remainingLengthSize(remaining) + remaining;
    }

    static void pingreq(ByteBuffer out) {
        out.put((byte) (PINGREQ << 4)).put((byte) 0);
    }

    static void disconnect(ByteBuffer out) {
        out.put((byte) (DISCONNECT << 4)).put((byte) 0);
    }

    private static int connectRemaining(byte[] clientId, byte[] userName, byte[] password) {
        // Protocol name, level, flags, keepalive: section 3.1.2.
        int variableHeader = 2 + PROTOCOL_NAME.length + 1 + 1 + 2;
        return variableHeader + 2 + clientId.length + 2 + userName.length + (password != null ? 2 + password.length : 0);
    }

    private static int publishRemaining(byte[] topic, byte[] payload) {
        return 2 + topic.length + 2 + payload.length;
    }

    /** Section 1.5.3: a two-byte big-endian length, then the bytes. */
    private static void putField(ByteBuffer out, byte[] field) {
        if (field.length > 0xFFFF) {
            throw new IllegalArgumentException("a field of " + field.length + " bytes does not fit a 16-bit length");
        }
        out.putShort((short) field.length);
        out.put(field);
    }
}
