package dev.zerocluster.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding on bit patterns alone (Raspberry Pi documentation, "get_throttled"). */
class ThrottledTest {

    @ParameterizedTest(name = "0x{0}")
    @CsvSource({
        // raw,   uv,    cap,   thr,   soft,  uvOcc, capOcc, thrOcc, softOcc
        "0,       false, false, false, false, false, false,  false,  false",
        "1,       true,  false, false, false, false, false,  false,  false",
        "2,       false, true,  false, false, false, false,  false,  false",
        "4,       false, false, true,  false, false, false,  false,  false",
        "8,       false, false, false, true,  false, false,  false,  false",
        "10000,   false, false, false, false, true,  false,  false,  false",
        "20000,   false, false, false, false, false, true,   false,  false",
        "40000,   false, false, false, false, false, false,  true,   false",
        "80000,   false, false, false, false, false, false,  false,  true",
        "50005,   true,  false, true,  false, true,  false,  true,   false",
        "e000e,   false, true,  true,  true,  false, true,   true,   true",
        "f000f,   true,  true,  true,  true,  true,  true,   true,   true",
        "fff0fff0, false, false, false, false, false, false, false,  false",
    })
    void decodesEveryBit(String hex, boolean uv, boolean cap, boolean thr, boolean soft,
                         boolean uvOcc, boolean capOcc, boolean thrOcc, boolean softOcc) {
        int raw = (int) Long.parseLong(hex, 16);
        Throttled t = Throttled.decode(raw);
        assertThat(t.raw()).isEqualTo(raw);
        assertThat(new boolean[] {t.underVoltage(), t.freqCapped(), t.throttled(), t.softTempLimit(),
                t.underVoltageOccurred(), t.freqCappedOccurred(), t.throttledOccurred(), t.softTempLimitOccurred()})
                .containsExactly(uv, cap, thr, soft, uvOcc, capOcc, thrOcc, softOcc);
    }

    @Test
    void theHwmonAlarmKnowsUnderVoltageAlone() {
        Throttled t = Throttled.underVoltageOnly(true);
        assertThat(t.raw()).isNull();
        assertThat(t.underVoltage()).isTrue();
        assertThat(t.freqCapped()).isNull();
        assertThat(t.underVoltageOccurred()).isNull();
    }
}
