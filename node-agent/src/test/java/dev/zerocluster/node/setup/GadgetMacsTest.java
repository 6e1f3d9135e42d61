package dev.zerocluster.node.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GadgetMacsTest {
    @Test
    void theSerialReadsInBothAddresses() {
        GadgetMacs macs = GadgetMacs.fromSerial("00000000A1B2C3D4\n");
        assertThat(macs.device()).isEqualTo("02:00:a1:b2:c3:d4");
        assertThat(macs.host()).isEqualTo("02:01:a1:b2:c3:d4");
    }

    @Test
    void locallyAdministeredUnicastAndTheTwoEndsDiffer() {
        GadgetMacs macs = GadgetMacs.fromSerial("00000000e5f6a7b8");
        for (String mac : new String[] {macs.device(), macs.host()}) {
            int first = Integer.parseInt(mac.substring(0, 2), 16);
            assertThat(first & 0x02).as("locally administered bit").isEqualTo(0x02);
            assertThat(first & 0x01).as("multicast bit").isZero();
        }
        assertThat(macs.device()).isNotEqualTo(macs.host());
    }

    @Test
    void distinctSerialsGiveDistinctAddressesAndTheSameSerialTheSame() {
        Set<String> seen = new HashSet<>();
        for (long serial = 0x1000; serial < 0x1000 + 500; serial++) {
            GadgetMacs macs = GadgetMacs.fromSerial(String.format("%016x", serial));
            assertThat(seen.add(macs.device())).isTrue();
            assertThat(seen.add(macs.host())).isTrue();
        }
        assertThat(GadgetMacs.fromSerial("000000001234abcd")).isEqualTo(GadgetMacs.fromSerial("000000001234abcd"));
    }

    @Test
    void aMissingOrMalformedSerialIsRefused() {
        assertThatThrownBy(() -> GadgetMacs.fromSerial(null)).hasMessageContaining("is not a board serial");
        assertThatThrownBy(() -> GadgetMacs.fromSerial("1234")).hasMessageContaining("is not a board serial");
        assertThatThrownBy(() -> GadgetMacs.fromSerial("00000000a1b2c3dz")).hasMessageContaining("is not a board serial");
    }
}
