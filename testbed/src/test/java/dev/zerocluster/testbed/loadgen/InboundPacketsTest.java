package dev.zerocluster.testbed.loadgen;

import static dev.zerocluster.testbed.loadgen.MqttPacketsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundPacketsTest {
    private final List<String> seen = new ArrayList<>();
    private final InboundPackets.Listener recorder = new InboundPackets.Listener() {
        @Override
        public void connack(int returnCode) {
            seen.add("connack " + returnCode);
        }

        @Override
        public void puback(int packetId) {
            seen.add("puback " + packetId);
        }

        @Override
        public void pingresp() {
            seen.add("pingresp");
        }

        @Override
        public void other(int packetType) {
            seen.add("other " + packetType);
        }
    };

    @Test
    void readsEveryWholePacketInOrder() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(bytes("20 02 00 00  40 02 00 07  D0 00  40 02 FF FF  20 02 01 05"));

        InboundPackets.read(in, recorder);

        assertThat(seen).containsExactly("connack 0", "puback 7", "pingresp", "puback 65535", "connack 5");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void stopsBeforeAnIncompletePacketAndResumesWhenTheRestArrives() throws Exception {
        byte[] stream = bytes("40 02 00 01 40 02 00 02");
        ByteBuffer first = ByteBuffer.wrap(stream, 0, 6);

        InboundPackets.read(first, recorder);
        assertThat(seen).containsExactly("puback 1");
        assertThat(first.position()).isEqualTo(4);

        ByteBuffer rest = ByteBuffer.wrap(stream, 4, 4).slice();
        InboundPackets.read(rest, recorder);
        assertThat(seen).containsExactly("puback 1", "puback 2");
    }

    @Test
    void waitsWhenTheBufferEndsInsideTheLength() throws Exception {
        // A PUBLISH whose length (200, two bytes) is cut after its first byte.
        ByteBuffer in = ByteBuffer.wrap(bytes("30 C8"));

        InboundPackets.read(in, recorder);

        assertThat(seen).isEmpty();
        assertThat(in.position()).isZero();
    }

    @Test
    void skipsPacketsAPublisherDoesNotExpectByTheirLength() throws Exception {
        // SUBACK for packet 1 with QoS 1 granted, then a PUBACK.
        ByteBuffer in = ByteBuffer.wrap(bytes("90 03 00 01 01 40 02 00 09"));

        InboundPackets.read(in, recorder);

        assertThat(seen).containsExactly("other 9", "puback 9");
    }

    @Test
    void aLengthOfFiveBytesBreaksTheStream() {
        ByteBuffer in = ByteBuffer.wrap(bytes("30 FF FF FF FF 01"));
        assertThatThrownBy(() -> InboundPackets.read(in, recorder)).isInstanceOf(InboundPackets.ProtocolException.class);
    }

    @Test
    void aPubackOfTheWrongSizeBreaksTheStream() {
        ByteBuffer in = ByteBuffer.wrap(bytes("40 03 00 01 00"));
        assertThatThrownBy(() -> InboundPackets.read(in, recorder)).isInstanceOf(InboundPackets.ProtocolException.class);
    }
}
