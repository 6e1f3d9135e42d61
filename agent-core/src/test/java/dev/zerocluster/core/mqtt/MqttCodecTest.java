package dev.zerocluster.core.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packets byte for byte as MQTT 3.1.1 (OASIS standard, section 3) lays them out. */
class MqttCodecTest {

    @Test
    void connectWithWillUserAndPassword() {
        byte[] packet = MqttCodec.connect("n1", Optional.of("n1"), Optional.of("pw"), 10,
                Optional.of(new MqttSession.Message("w/t", ascii("off"), 1, true)));

        assertThat(packet).isEqualTo(hex(
                "10 20"                     // CONNECT, remaining length 32
                + " 00 04 4D 51 54 54 04"   // "MQTT", level 4
                + " EE"                     // user, password, will retain, will QoS 1, will, clean session
                + " 00 0A"                  // keepalive 10 s
                + " 00 02 6E 31"            // client id
                + " 00 03 77 2F 74"         // will topic
                + " 00 03 6F 66 66"         // will message
                + " 00 02 6E 31"            // user name
                + " 00 02 70 77"));         // password
    }

    @Test
    void connectWithoutCredentialsOrWillIsACleanSessionAlone() {
        assertThat(MqttCodec.connect("a", Optional.empty(), Optional.empty(), 60, Optional.empty()))
                .isEqualTo(hex("10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61"));
    }

    @Test
    void publishAtQos1CarriesItsPacketIdAndRetainFlag() {
        assertThat(MqttCodec.publish("a/b", ascii("hi"), 1, true, 258))
                .isEqualTo(hex("33 09 00 03 61 2F 62 01 02 68 69"));
        assertThat(MqttCodec.publish("a/b", ascii("hi"), 0, false, 0))
                .isEqualTo(hex("30 07 00 03 61 2F 62 68 69"));
    }

    /** Section 2.2.3's boundaries: one more byte of length at 128, 16384 and 2097152. */
    @ParameterizedTest
    @CsvSource({"5, 1", "127, 1", "128, 2", "16383, 2", "16384, 3", "2097151, 3", "2097152, 4"})
    void remainingLengthGrowsAtTheSpecsBoundariesAndReadsBack(int bodyLength, int lengthBytes) throws Exception {
        int payload = bodyLength - 5; // topic "t" (3 bytes) and a packet id
        byte[] packet = MqttCodec.publish("t", new byte[payload], 1, false, 7);
        assertThat(packet.length).isEqualTo(1 + lengthBytes + bodyLength);

        MqttCodec.Packet back = MqttCodec.read(new ByteArrayInputStream(packet), Integer.MAX_VALUE);
        MqttCodec.Publish p = MqttCodec.parsePublish(back);
        assertThat(p.topic()).isEqualTo("t");
        assertThat(p.packetId()).isEqualTo(7);
        assertThat(p.payload()).hasSize(payload);
    }

    @Test
    void subscribeHasTheReservedFlagsAndOneQosPerFilter() {
        assertThat(MqttCodec.subscribe(10, new String[] {"a/#", "b"}, new int[] {1, 0}))
                .isEqualTo(hex("82 0C 00 0A 00 03 61 2F 23 01 00 01 62 00"));
    }

    @Test
    void smallPacketsAreTheSpecsConstants() {
        assertThat(MqttCodec.puback(0x1234)).isEqualTo(hex("40 02 12 34"));
        assertThat(MqttCodec.pingreq()).isEqualTo(hex("C0 00"));
        assertThat(MqttCodec.disconnect()).isEqualTo(hex("E0 00"));
    }

    @Test
    void connackSubackAndPubackAreReadBack() throws Exception {
        assertThat(MqttCodec.connackCode(read("20 02 00 00"))).isZero();
        assertThat(MqttCodec.connackCode(read("20 02 00 05"))).isEqualTo(5);
        assertThat(MqttCodec.describeConnackCode(4)).isEqualTo("refused: bad user name or password");
        assertThat(MqttCodec.packetId(read("40 02 01 00"))).isEqualTo(256);
        assertThat(MqttCodec.subackCodes(read("90 04 00 0A 01 80"))).isEqualTo(hex("01 80"));
    }

    @Test
    void anIncomingPublishIsTakenApart() throws Exception {
        MqttCodec.Publish p = MqttCodec.parsePublish(read("33 09 00 03 61 2F 62 00 05 68 69"));
        assertThat(p).extracting(MqttCodec.Publish::topic, MqttCodec.Publish::qos, MqttCodec.Publish::retained,
                MqttCodec.Publish::packetId).containsExactly("a/b", 1, true, 5);
        assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void badBytesFromTheBrokerAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> read("30 FF FF FF FF 01")).isInstanceOf(MqttProtocolException.class)
                .hasMessageContaining("longer than four bytes");
        assertThatThrownBy(() -> MqttCodec.read(new ByteArrayInputStream(hex("30 80 01")), 100))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("128 bytes, more than the 100");
        assertThatThrownBy(() -> read("30 05 00 03 61")).isInstanceOf(EOFException.class)
                .hasMessageContaining("3 of 5 bytes");
        assertThatThrownBy(() -> read("")).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> MqttCodec.parsePublish(read("30 04 00 09 61 62")))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("longer than the packet");
        assertThatThrownBy(() -> MqttCodec.parsePublish(read("32 05 00 01 61 00 00")))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("packet id 0");
        assertThatThrownBy(() -> MqttCodec.parsePublish(read("30 04 00 01 FF 61")))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> MqttCodec.parsePublish(read("36 03 00 01 61")))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("QoS 3");
        assertThatThrownBy(() -> MqttCodec.connackCode(read("40 02 00 01")))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("expected a CONNACK");
    }

    @Test
    void aPacketReaderTakesPacketsInPiecesOfAnySizeAndKeepsWhatIsLeft() throws Exception {
        // A PUBACK, a PUBLISH with a two-byte remaining length (200 bytes of payload) and a PINGRESP.
        byte[] publish = MqttCodec.publish("t", new byte[200], 1, false, 7);
        byte[] all = concat(hex("40 02 00 05"), publish, hex("D0 00"));
        for (int piece : new int[] {1, 2, 3, 7, 64, all.length}) {
            MqttCodec.PacketReader reader = new MqttCodec.PacketReader(1024);
            List<MqttCodec.Packet> packets = new ArrayList<>();
            for (int at = 0; at < all.length; at += piece) {
                ByteBuffer chunk = ByteBuffer.wrap(all, at, Math.min(piece, all.length - at));
                for (MqttCodec.Packet p; (p = reader.next(chunk)) != null; ) {
                    packets.add(p);
                }
                assertThat(chunk.hasRemaining()).as("a piece is taken whole").isFalse();
            }
            assertThat(packets).as("pieces of " + piece).hasSize(3);
            assertThat(MqttCodec.packetId(packets.get(0))).isEqualTo(5);
            MqttCodec.Publish m = MqttCodec.parsePublish(packets.get(1));
            assertThat(m.topic()).isEqualTo("t");
            assertThat(m.packetId()).isEqualTo(7);
            assertThat(m.payload()).hasSize(200);
            assertThat(packets.get(2).type()).isEqualTo(MqttCodec.PINGRESP);
        }
    }

    @Test
    void aPacketReaderSaysWhereTheStreamEndedAndRefusesWhatReadRefuses() throws Exception {
        MqttCodec.PacketReader reader = new MqttCodec.PacketReader(100);
        assertThat(reader.endOfStream()).hasMessage("the broker closed the connection");
        assertThat(reader.next(ByteBuffer.wrap(hex("30")))).isNull();
        assertThat(reader.endOfStream()).hasMessage("the connection ended inside a packet header");
        assertThat(reader.next(ByteBuffer.wrap(hex("05 00 03")))).isNull();
        assertThat(reader.endOfStream()).hasMessageContaining("2 of 5 bytes");
        assertThatThrownBy(() -> new MqttCodec.PacketReader(100).next(ByteBuffer.wrap(hex("30 80 01"))))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("128 bytes, more than the 100");
        assertThatThrownBy(() -> new MqttCodec.PacketReader(1024).next(ByteBuffer.wrap(hex("30 FF FF FF FF 01"))))
                .isInstanceOf(MqttProtocolException.class).hasMessageContaining("longer than four bytes");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void whatMqttForbidsIsNotSent() {
        assertThatThrownBy(() -> MqttCodec.publish("a/+", new byte[0], 1, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> MqttCodec.publish("a", new byte[0], 2, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QoS 2");
        assertThatThrownBy(() -> MqttCodec.publish("a", new byte[0], 1, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packet id 0");
        assertThatThrownBy(() -> MqttCodec.connect("a\u0000b", Optional.empty(), Optional.empty(), 10, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> MqttCodec.connect("a", Optional.empty(), Optional.empty(), 70_000, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepalive");
    }

    private static MqttCodec.Packet read(String hex) throws Exception {
        return MqttCodec.read(new ByteArrayInputStream(hex(hex)), 1024);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
