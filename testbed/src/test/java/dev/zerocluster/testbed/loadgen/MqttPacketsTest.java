package dev.zerocluster.testbed.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MqttPacketsTest {

    /** The boundary values of the table in MQTT 3.1.1 section 2.2.3. */
    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "127, 7F",
        "128, 80 01",
        "16383, FF 7F",
        "16384, 80 80 01",
        "2097151, FF FF 7F",
        "2097152, 80 80 80 01",
        "268435455, FF FF FF 7F",
    })
    void remainingLengthIsTheVarintOfTheSpec(int length, String hex) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(8);
        MqttPackets.putRemainingLength(out, length);
        byte[] written = Arrays.copyOf(out.array(), out.position());

        assertThat(written).isEqualTo(bytes(hex));
        assertThat(MqttPackets.remainingLengthSize(length)).isEqualTo(written.length);
        long decoded = InboundPackets.remainingLength(ByteBuffer.wrap(written), 0);
        assertThat(decoded >>> 8).isEqualTo(length);
        assertThat(decoded & 0xFF).isEqualTo(written.length);
    }

    @Test
    void remainingLengthOutsideTheRangeIsRefused() {
        ByteBuffer out = ByteBuffer.allocate(8);
        assertThatThrownBy(() -> MqttPackets.putRemainingLength(out, MqttPackets.MAX_REMAINING_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttPackets.putRemainingLength(out, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectCarriesCleanSessionUserPasswordAndKeepalive() {
        byte[] id = ascii("n1");
        byte[] password = ascii("pw");
        ByteBuffer out = ByteBuffer.allocate(64);
        MqttPackets.connect(out, id, id, password, 10);

        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(bytes(
                "10 16"                       // CONNECT, remaining length 22
                + " 00 04 4D 51 54 54 04"     // "MQTT", level 4 (3.1.1)
                + " C2"                       // user name, password, clean session
                + " 00 0A"                    // keepalive 10 s
                + " 00 02 6E 31"              // client id "n1"
                + " 00 02 6E 31"              // user name "n1"
                + " 00 02 70 77"));           // password "pw"
        assertThat(MqttPackets.connectSize(id, id, password)).isEqualTo(out.position());
    }

    @Test
    void connectWithoutPasswordLeavesOutItsFlagAndField() {
        byte[] id = ascii("n1");
        ByteBuffer out = ByteBuffer.allocate(64);
        MqttPackets.connect(out, id, id, null, 60);

        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(bytes(
                "10 12 00 04 4D 51 54 54 04 82 00 3C 00 02 6E 31 00 02 6E 31"));
        assertThat(MqttPackets.connectSize(id, id, null)).isEqualTo(out.position());
    }

    @Test
    void publishAtQos1WithRetain() {
        ByteBuffer out = ByteBuffer.allocate(64);
        MqttPackets.publishQos1(out, ascii("a/b"), 1, ascii("hi"), true);

        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(bytes(
                "33 09"            // PUBLISH, QoS 1, retain; remaining length 9
                + " 00 03 61 2F 62" // topic "a/b"
                + " 00 01"          // packet id 1
                + " 68 69"));       // payload "hi"
    }

    @Test
    void publishWithoutRetainAndATwoByteLength() {
        byte[] payload = new byte[200];
        Arrays.fill(payload, (byte) 'x');
        ByteBuffer out = ByteBuffer.allocate(512);
        MqttPackets.publishQos1(out, ascii("t"), 0xFFFF, payload, false);

        byte[] written = Arrays.copyOf(out.array(), out.position());
        // 2 + 1 (topic) + 2 (packet id) + 200 = 205 = 0xCD: CD 01 as a varint.
        assertThat(Arrays.copyOf(written, 8)).isEqualTo(bytes("32 CD 01 00 01 74 FF FF"));
        assertThat(written).hasSize(3 + 205);
        assertThat(MqttPackets.publishSize(ascii("t"), payload)).isEqualTo(written.length);
    }

    @Test
    void packetIdZeroIsRefused() {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> MqttPackets.publishQos1(out, ascii("t"), 0, new byte[0], false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pingreqAndDisconnectAreTwoBytes() {
        ByteBuffer out = ByteBuffer.allocate(4);
        MqttPackets.pingreq(out);
        MqttPackets.disconnect(out);
        assertThat(out.array()).isEqualTo(bytes("C0 00 E0 00"));
    }

    static byte[] bytes(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
