package dev.zerocluster.core.serial;

/**
 * The baud-rate generator setting for one UART: BRGDIVMSB:BRGDIVLSB = {@code divisor}, BRGCFG =
 * {@code fraction | modeBits}.
 *
 * <p>The chip divides fREF by {@code c x (divisor + fraction/16)}, where c is 16, or 8 in 2x
 * mode, or 4 in 4x mode (MAX14830 datasheet p.21; [K] {@code max310x_set_baud}). The mode is the
 * kernel's: the highest oversampling that keeps the divisor at 1 or more, because 16 samples per
 * bit tolerate the most clock error. Unlike the kernel, which truncates, the fraction is rounded
 * to the nearest sixteenth, which halves the worst-case rate error.
 */
public record BaudDivisor(int divisor, int fraction, int modeBits, int oversampling, double actualBaud) {

    /** The tolerance the issue and common practice allow between two ends of an 8N1 line. */
    public static final double MAX_ERROR = 0.02;

    public int brgcfg() {
        return fraction | modeBits;
    }

    /** Relative error of the rate the chip will run at, e.g. +0.0054 for +0.54 %. */
    public double error(int wantedBaud) {
        return actualBaud / wantedBaud - 1;
    }

    /** The rate the chip runs at for these register values (also what the chip model uses). */
    public static double actualBaud(double fRefHz, int divisor, int fraction, int oversampling) {
        return 16 * fRefHz / (oversampling * (16.0 * divisor + fraction));
    }

    /**
     * The nearest setting to {@code baud}. Its error may be large (check {@link #error}); a baud
     * above fREF/4 or below fREF/16/65535 gets the nearest end of the range.
     */
    public static BaudDivisor nearest(long fRefHz, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        long ratio = fRefHz / baud;
        int oversampling;
        int mode;
        if (ratio < 8) {
            oversampling = 4;
            mode = Max3109Registers.BRGCFG_4X;
        } else if (ratio < 16) {
            oversampling = 8;
            mode = Max3109Registers.BRGCFG_2X;
        } else {
            oversampling = 16;
            mode = 0;
        }
        // The divisor in sixteenths: 16 x fREF / (c x baud), rounded.
        long sixteenths = Math.round(16.0 * fRefHz / ((double) oversampling * baud));
        sixteenths = Math.max(16, Math.min(sixteenths, 0xFFFFL * 16 + 15));
        int divisor = (int) (sixteenths >> 4);
        int fraction = (int) (sixteenths & 0xF);
        return new BaudDivisor(divisor, fraction, mode, oversampling,
                actualBaud(fRefHz, divisor, fraction, oversampling));
    }
}
