package dev.zerocluster.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaudDivisorTest {

    /** The worked examples of the reference (kernel algorithm; rounding agrees on these). */
    @ParameterizedTest(name = "fREF {0} Hz, {1} baud")
    @CsvSource({
        "44236800, 115200,  24,  0,  0, 16, 115200",
        "44236800, 921600,   3,  0,  0, 16, 921600",
        "44236800, 1000000,  2, 12,  0, 16, 1005382",
        "96000000, 1000000,  6,  0,  0, 16, 1000000",
        "96000000, 3000000,  2,  0,  0, 16, 3000000",
        "96000000, 115200,  52,  1,  0, 16, 115246",
        "3686400,  921600,   1,  0, 32,  4, 921600",
        "3686400,  1000000,  1,  0, 32,  4, 921600",
        "96000000, 24000000, 1,  0, 32,  4, 24000000",
        "96000000, 8000000,  1,  8, 16,  8, 8000000",
    })
    void matchesTheDatasheetFormula(long fRef, int baud, int divisor, int fraction, int mode, int oversampling,
                                    long actual) {
        BaudDivisor d = BaudDivisor.nearest(fRef, baud);
        assertThat(d.divisor()).isEqualTo(divisor);
        assertThat(d.fraction()).isEqualTo(fraction);
        assertThat(d.modeBits()).isEqualTo(mode);
        assertThat(d.oversampling()).isEqualTo(oversampling);
        assertThat(d.actualBaud()).isCloseTo(actual, within(1.0));
    }

    @ParameterizedTest(name = "{1} baud from {0} Hz: error {2}")
    @CsvSource({
        "44236800, 1000000, 0.0054",
        "3686400,  1000000, -0.0784",
        "44236800, 20000000, -0.4470",
    })
    void reportsTheRateError(long fRef, int baud, double error) {
        assertThat(BaudDivisor.nearest(fRef, baud).error(baud)).isCloseTo(error, within(0.0001));
    }

    /** Rounding the fraction (the kernel truncates) keeps every rate within 1/32 of a divisor step. */
    @ParameterizedTest(name = "fREF {0}")
    @CsvSource({"44236800", "96000000", "3686400"})
    void everyRateFromTheSlowestToAQuarterOfFrefIsWithinHalfAStep(long fRef) {
        for (int baud = (int) (fRef / 16 / 0xFFFF) + 1; baud <= fRef / 4; baud = (int) (baud * 1.013) + 1) {
            BaudDivisor d = BaudDivisor.nearest(fRef, baud);
            double sixteenths = 16.0 * d.divisor() + d.fraction();
            assertThat(Math.abs(d.actualBaud() / baud - 1)).isLessThanOrEqualTo(0.5 / sixteenths + 1e-9);
        }
    }
}
