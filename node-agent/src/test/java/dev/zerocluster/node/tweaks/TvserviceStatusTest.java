package dev.zerocluster.node.tweaks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** tvservice -s output as the firmware's tvservice prints it (raspberrypi/userland tvservice.c). */
class TvserviceStatusTest {
    @Test
    void tvIsOff() {
        assertThat(TvserviceHdmi.parseStatus("state 0x120002 [TV is off]\n")).isEqualTo(TweakState.OFF);
        assertThat(TvserviceHdmi.parseStatus("state 0x120001 [TV is off]")).isEqualTo(TweakState.OFF);
    }

    @Test
    void aModeIsOn() {
        assertThat(TvserviceHdmi.parseStatus("state 0x12000a [HDMI CEA (16) RGB lim 16:9], 1920x1080 @ 60.00Hz,"
                + " progressive\n")).isEqualTo(TweakState.ON);
        assertThat(TvserviceHdmi.parseStatus("state 0x40001 [NTSC 4:3], 720x480 @ 60.00Hz, interlaced"))
                .isEqualTo(TweakState.ON);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(TvserviceHdmi.parseStatus("Failed to get TV service\n")).isNull();
        assertThat(TvserviceHdmi.parseStatus("")).isNull();
    }
}
