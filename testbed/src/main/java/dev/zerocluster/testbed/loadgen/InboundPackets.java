package dev.zerocluster.testbed.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits what the broker sends into whole MQTT packets and tells a {@link Listener} about the ones
 * a publishing client gets: CONNACK, PUBACK, PINGRESP. A simulated node subscribes to nothing, so
 * anything else is skipped by its length (and counted by the caller through {@link Listener#other}).
 */
final class InboundPackets {
    /** More than a publisher ever receives; a longer packet means the stream is out of step. */
    static final int MAX_PACKET_BYTES = 64 * 1024;

    private InboundPackets() {
    }

    interface Listener {
        /** Section 3.2.2.3: 0 accepted, 1–5 refused (protocol, client id, unavailable, credentials, not authorized). */
        void connack(int returnCode) throws IOException;

        void puback(int packetId) throws IOException;

        void pingresp();

        void other(int packetType);
    }

    /** The stream broke the protocol: the connection cannot be trusted any more. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }

    /**
     * Reads every whole packet between {@code in}'s position and limit and leaves the position at
     * the first byte of an incomplete one (or at the limit).
     */
    static void read(ByteBuffer in, Listener listener) throws IOException {
        while (in.hasRemaining()) {
            int start = in.position();
            int header = in.get(start) & 0xFF;
            long lengthAndSize = remainingLength(in, start + 1);
            if (lengthAndSize < 0) {
                return;
            }
            int length = (int) (lengthAndSize >>> 8);
            int lengthBytes = (int) (lengthAndSize & 0xFF);
            if (length > MAX_PACKET_BYTES) {
                throw new ProtocolException("a packet of " + length + " bytes (type " + (header >>> 4) + ")");
            }
            int body = start + 1 + lengthBytes;
            if (in.limit() - body < length) {
                return;
            }
            int type = header >>> 4;
            switch (type) {
                case MqttPackets.CONNACK -> {
                    requireLength(type, length, 2);
                    listener.connack(in.get(body + 1) & 0xFF);
                }
                case MqttPackets.PUBACK -> {
                    requireLength(type, length, 2);
                    listener.puback(in.getShort(body) & 0xFFFF);
                }
                case MqttPackets.PINGRESP -> {
                    requireLength(type, length, 0);
                    listener.pingresp();
                }
                default -> listener.other(type);
            }
            in.position(body + length);
        }
    }

    /**
     * Section 2.2.3, read from {@code at}: the length shifted left by 8 with the number of length
     * bytes in the low byte, or -1 when the buffer ends inside the length.
     */
    static long remainingLength(ByteBuffer in, int at) throws ProtocolException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (at + i >= in.limit()) {
                return -1;
            }
            int b = in.get(at + i) & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return ((long) value << 8) | (i + 1);
            }
        }
        throw new ProtocolException("remaining length longer than four bytes");
    }

    private static void requireLength(int type, int length, int expected) throws ProtocolException {
        if (length != expected) {
            throw new ProtocolException("packet type " + type + " with remaining length " + length + ", expected " + expected);
        }
    }
}
