package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceClockTest {

    /** The reference's worked examples of the kernel's PLL choice. */
    @ParameterizedTest(name = "{0} Hz crystal")
    @CsvSource({
        "1843200, 0x42, 44236800",
        "3686400, 0x44, 44236800",
        "4000000, 0x84, 96000000",
    })
    void choosesThePllAsTheKernelDoes(long crystal, String pllcfg, long fRef) {
        ReferenceClock clock = ReferenceClock.forCrystal(crystal);
        assertThat(clock.pllcfg()).isEqualTo(Integer.decode(pllcfg));
        assertThat(clock.fRefHz()).isEqualTo(fRef);
        assertThat(clock.clksrc()).isEqualTo(0x16); // ClockEn | PLLEn | CrystalEn
        assertThat(clock.usesPll()).isTrue();
    }

    @Test
    void neverGoesAbove96MHz() {
        for (long crystal = 1_000_000; crystal <= 4_000_000; crystal += 12_345) {
            assertThat(ReferenceClock.forCrystal(crystal).fRefHz()).isLessThanOrEqualTo(96_000_000);
        }
    }

    @Test
    void refusesCrystalsTheOscillatorCannotDrive() {
        assertThatThrownBy(() -> ReferenceClock.forCrystal(8_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4 MHz");
    }
}
