package dev.zerocluster.core.mqtt;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MQTT 3.1.1 packets a client needs (OASIS MQTT Version 3.1.1, section 3), written whole into
 * one array so a packet goes out in one {@code write}, and read back with every length checked.
 * Only what {@link SocketTransport} uses: CONNECT/CONNACK, PUBLISH at QoS 0 and 1, PUBACK,
 * SUBSCRIBE/SUBACK, PINGREQ/PINGRESP and DISCONNECT.
 */
public final class MqttCodec {
    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;

    /** Section 2.2.3: four bytes of seven bits. */
    public static final int MAX_REMAINING_LENGTH = 268_435_455;
    /** Section 1.5.3: a string's length is two bytes. */
    private static final int MAX_STRING_BYTES = 65_535;

    private static final byte[] PINGREQ_PACKET = {(byte) 0xC0, 0};
    private static final byte[] DISCONNECT_PACKET = {(byte) 0xE0, 0};

    private MqttCodec() {
    }

    /** An incoming packet: its type (high nibble of the first byte), flags (low nibble) and body. */
    public record Packet(int type, int flags, byte[] body) {
    }

    /** A PUBLISH taken apart (section 3.3); {@code packetId} is 0 at QoS 0. */
    public record Publish(String topic, int qos, boolean retained, int packetId, byte[] payload) {
    }

    /** Section 3.1: protocol level 4, and always a clean session (the sessions keep nothing). */
    public static byte[] connect(String clientId, Optional<String> username, Optional<String> password,
                                 int keepaliveSeconds, Optional<MqttSession.Message> will) {
        if (keepaliveSeconds < 0 || keepaliveSeconds > 65_535) {
            throw new IllegalArgumentException("keepalive " + keepaliveSeconds + " s is outside 0..65535");
        }
        byte[] id = utf8("client id", clientId);
        byte[] user = username.isPresent() ? utf8("user name", username.get()) : null;
        byte[] pass = password.isPresent() ? bytes("password", password.get().getBytes(StandardCharsets.UTF_8)) : null;
        byte[] willTopic = will.isPresent() ? utf8("will topic", will.get().topic()) : null;
        byte[] willPayload = will.isPresent() ? bytes("will payload", will.get().payload()) : null;
        int flags = 0x02;
        if (will.isPresent()) {
            checkQos(will.get().qos());
            flags |= 0x04 | (will.get().qos() << 3) | (will.get().retained() ? 0x20 : 0);
        }
        if (pass != null) {
            flags |= 0x40;
        }
        if (user != null) {
            flags |= 0x80;
        }
        int length = 10 + 2 + id.length;
        if (willTopic != null) {
            length += 2 + willTopic.length + 2 + willPayload.length;
        }
        if (user != null) {
            length += 2 + user.length;
        }
        if (pass != null) {
            length += 2 + pass.length;
        }
        ByteBuffer out = start(CONNECT << 4, length);
        out.putShort((short) 4).put((byte) 'M').put((byte) 'Q').put((byte) 'T').put((byte) 'T');
        out.put((byte) 4).put((byte) flags).putShort((short) keepaliveSeconds);
        putString(out, id);
        if (willTopic != null) {
            putString(out, willTopic);
            putString(out, willPayload);
        }
        if (user != null) {
            putString(out, user);
        }
        if (pass != null) {
            putString(out, pass);
        }
        return out.array();
    }

    /** Section 3.3; {@code packetId} is ignored at QoS 0. */
    public static byte[] publish(String topic, byte[] payload, int qos, boolean retained, int packetId) {
        return publish(topicName(topic), payload, qos, retained, packetId);
    }

    /**
     * A topic name as a PUBLISH carries it (section 4.7): UTF-8, not empty, no wildcard, no U+0000.
     * Checked and encoded once, so that a topic published again and again (a node's health) is not
     * encoded for every message.
     */
    public static byte[] topicName(String topic) {
        byte[] t = utf8("topic", topic);
        if (t.length == 0 || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("cannot publish to '" + topic + "': empty or a wildcard");
        }
        return t;
    }

    /**
     * Section 3.3, to a topic from {@link #topicName}. Written with array stores rather than
     * through a {@code ByteBuffer}: a node publishes a report every interval, and the buffer's
     * methods are compiled early in the JVM's life, each on a code page of its own that a report
     * then touched after an idle second (docs/performance.md, "Node footprint").
     */
    public static byte[] publish(byte[] topicName, byte[] payload, int qos, boolean retained, int packetId) {
        checkQos(qos);
        int length = 2 + topicName.length + (qos > 0 ? 2 : 0) + payload.length;
        if (length > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("a packet of " + length + " bytes; MQTT allows " + MAX_REMAINING_LENGTH);
        }
        byte[] out = new byte[1 + remainingLengthSize(length) + length];
        out[0] = (byte) ((PUBLISH << 4) | (qos << 1) | (retained ? 1 : 0));
        int at = putRemainingLength(out, 1, length);
        out[at++] = (byte) (topicName.length >> 8);
        out[at++] = (byte) topicName.length;
        System.arraycopy(topicName, 0, out, at, topicName.length);
        at += topicName.length;
        if (qos > 0) {
            checkPacketId(packetId);
            out[at++] = (byte) (packetId >> 8);
            out[at++] = (byte) packetId;
        }
        System.arraycopy(payload, 0, out, at, payload.length);
        return out;
    }

    public static byte[] puback(int packetId) {
        return new byte[] {(byte) (PUBACK << 4), 2, (byte) (checkPacketId(packetId) >> 8), (byte) packetId};
    }

    /** Section 3.8: the fixed header's flags are 0010. */
    public static byte[] subscribe(int packetId, String[] filters, int[] qos) {
        if (filters.length == 0 || filters.length != qos.length) {
            throw new IllegalArgumentException("a SUBSCRIBE needs one QoS per filter, and at least one filter");
        }
        byte[][] encoded = new byte[filters.length][];
        int length = 2;
        for (int i = 0; i < filters.length; i++) {
            checkQos(qos[i]);
            encoded[i] = utf8("topic filter", filters[i]);
            if (encoded[i].length == 0) {
                throw new IllegalArgumentException("an empty topic filter");
            }
            length += 2 + encoded[i].length + 1;
        }
        ByteBuffer out = start((SUBSCRIBE << 4) | 0x02, length);
        out.putShort((short) checkPacketId(packetId));
        for (int i = 0; i < filters.length; i++) {
            putString(out, encoded[i]);
            out.put((byte) qos[i]);
        }
        return out.array();
    }

    public static byte[] pingreq() {
        return PINGREQ_PACKET.clone();
    }

    public static byte[] disconnect() {
        return DISCONNECT_PACKET.clone();
    }

    /**
     * Reads one packet from a blocking stream, refusing a body longer than {@code maxBody} bytes
     * before reading it: a broker (or anything else at that address) cannot make the client
     * allocate more.
     */
    public static Packet read(InputStream in, int maxBody) throws IOException {
        PacketReader reader = new PacketReader(maxBody);
        byte[] chunk = new byte[1];
        while (true) {
            int want = reader.wanted();
            if (chunk.length < want) {
                chunk = new byte[want];
            }
            int n = in.read(chunk, 0, want);
            if (n < 0) {
                throw reader.endOfStream();
            }
            Packet p = reader.next(ByteBuffer.wrap(chunk, 0, n));
            if (p != null) {
                return p;
            }
        }
    }

    /**
     * Packets taken from bytes as they come, in pieces of any size: what a non-blocking read of
     * the socket finds is handed over, and a packet is returned once whole. Every length is
     * checked as in {@link #read}. One per connection, used by one thread.
     */
    public static final class PacketReader {
        private final int maxBody;
        /** The packet's first byte, or -1 before it. */
        private int first = -1;
        private int length;
        private int lengthBytes;
        private byte[] body;
        private int got;

        public PacketReader(int maxBody) {
            this.maxBody = maxBody;
        }

        /** The next whole packet from {@code in}, or null when {@code in} ran out first (the rest is kept). */
        public Packet next(ByteBuffer in) throws MqttProtocolException {
            if (first < 0) {
                if (!in.hasRemaining()) {
                    return null;
                }
                first = in.get() & 0xFF;
            }
            while (body == null) {
                if (!in.hasRemaining()) {
                    return null;
                }
                int b = in.get() & 0xFF;
                length |= (b & 0x7F) << (7 * lengthBytes);
                if ((b & 0x80) == 0) {
                    if (length > maxBody) {
                        throw new MqttProtocolException("a packet of type " + (first >>> 4) + " with " + length
                                + " bytes, more than the " + maxBody + " this client takes");
                    }
                    body = new byte[length];
                } else if (++lengthBytes == 4) {
                    throw new MqttProtocolException("a remaining length longer than four bytes (section 2.2.3)");
                }
            }
            int n = Math.min(in.remaining(), length - got);
            in.get(body, got, n);
            got += n;
            if (got < length) {
                return null;
            }
            Packet p = new Packet(first >>> 4, first & 0x0F, body);
            first = -1;
            length = 0;
            lengthBytes = 0;
            body = null;
            got = 0;
            return p;
        }

        /** How many bytes would take the packet on by one step: 1 in its header, else the rest of its body. */
        int wanted() {
            return body == null ? 1 : Math.max(1, length - got);
        }

        /** What the end of the stream means here: a closed connection, or one cut inside a packet. */
        public EOFException endOfStream() {
            if (first < 0) {
                return new EOFException("the broker closed the connection");
            }
            if (body == null) {
                return new EOFException("the connection ended inside a packet header");
            }
            return new EOFException("the connection ended inside a packet (" + got + " of " + length + " bytes)");
        }
    }

    /** Section 3.2: the return code of a CONNACK, or an exception if it is not one. */
    public static int connackCode(Packet p) throws MqttProtocolException {
        if (p.type() != CONNACK || p.body().length != 2) {
            throw new MqttProtocolException("expected a CONNACK, got a packet of type " + p.type() + " with "
                    + p.body().length + " bytes");
        }
        return p.body()[1] & 0xFF;
    }

    /** Section 3.2.2.3, table 3.1. */
    public static String describeConnackCode(int code) {
        return switch (code) {
            case 0 -> "accepted";
            case 1 -> "refused: unacceptable protocol version";
            case 2 -> "refused: identifier rejected";
            case 3 -> "refused: server unavailable";
            case 4 -> "refused: bad user name or password";
            case 5 -> "refused: not authorized";
            default -> "refused with the reserved return code " + code;
        };
    }

    /** The packet id of a PUBACK or SUBACK. */
    public static int packetId(Packet p) throws MqttProtocolException {
        if (p.body().length < 2) {
            throw new MqttProtocolException("a packet of type " + p.type() + " without its packet id");
        }
        return ((p.body()[0] & 0xFF) << 8) | (p.body()[1] & 0xFF);
    }

    /** Section 3.9.3: the return codes of a SUBACK, one per filter; 0x80 is a failure. */
    public static byte[] subackCodes(Packet p) throws MqttProtocolException {
        packetId(p);
        byte[] codes = new byte[p.body().length - 2];
        System.arraycopy(p.body(), 2, codes, 0, codes.length);
        return codes;
    }

    public static Publish parsePublish(Packet p) throws MqttProtocolException {
        int qos = (p.flags() >> 1) & 0x03;
        if (qos == 3) {
            throw new MqttProtocolException("a PUBLISH with QoS 3 (section 3.3.1.2)");
        }
        byte[] b = p.body();
        if (b.length < 2) {
            throw new MqttProtocolException("a PUBLISH without a topic");
        }
        int topicLength = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int at = 2 + topicLength;
        if (at + (qos > 0 ? 2 : 0) > b.length) {
            throw new MqttProtocolException("a PUBLISH whose topic (" + topicLength + " bytes) is longer than the packet");
        }
        String topic;
        try {
            topic = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 2, topicLength)).toString();
        } catch (CharacterCodingException e) {
            throw new MqttProtocolException("a PUBLISH whose topic is not UTF-8");
        }
        int packetId = 0;
        if (qos > 0) {
            packetId = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            at += 2;
            if (packetId == 0) {
                throw new MqttProtocolException("a QoS " + qos + " PUBLISH with packet id 0 (section 2.3.1)");
            }
        }
        byte[] payload = new byte[b.length - at];
        System.arraycopy(b, at, payload, 0, payload.length);
        return new Publish(topic, qos, (p.flags() & 0x01) != 0, packetId, payload);
    }

    /** The bytes of a packet with {@code remainingLength} after a header of {@code firstByte}. */
    private static ByteBuffer start(int firstByte, int remainingLength) {
        if (remainingLength > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("a packet of " + remainingLength + " bytes; MQTT allows "
                    + MAX_REMAINING_LENGTH);
        }
        ByteBuffer out = ByteBuffer.allocate(1 + remainingLengthSize(remainingLength) + remainingLength);
        out.put((byte) firstByte);
        putRemainingLength(out, remainingLength);
        return out;
    }

    /** Section 2.2.3: seven bits per byte, least significant group first, bit 7 set when more follow. */
    public static void putRemainingLength(ByteBuffer out, int length) {
        if (length < 0 || length > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("remaining length " + length + " is outside 0.." + MAX_REMAINING_LENGTH);
        }
        byte[] encoded = new byte[4];
        out.put(encoded, 0, putRemainingLength(encoded, 0, length));
    }

    /** The same into {@code out} at {@code at}; returns the index after it. */
    private static int putRemainingLength(byte[] out, int at, int length) {
        int v = length;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out[at++] = (byte) (v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        return at;
    }

    /** How many bytes {@link #putRemainingLength} writes for {@code length}. */
    public static int remainingLengthSize(int length) {
        return length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;
    }

    private static void putString(ByteBuffer out, byte[] s) {
        out.putShort((short) s.length).put(s);
    }

    private static byte[] utf8(String what, String s) {
        if (s.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("the " + what + " '" + s.replace('\u0000', '?')
                    + "' holds U+0000, which MQTT forbids (section 1.5.3)");
        }
        return bytes(what, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String what, byte[] b) {
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("the " + what + " has " + b.length + " bytes; MQTT allows "
                    + MAX_STRING_BYTES);
        }
        return b;
    }

    private static void checkQos(int qos) {
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("QoS " + qos + ": this client sends QoS 0 and 1 only");
        }
    }

    private static int checkPacketId(int id) {
        if (id < 1 || id > 65_535) {
            throw new IllegalArgumentException("packet id " + id + " is outside 1..65535");
        }
        return id;
    }
}
