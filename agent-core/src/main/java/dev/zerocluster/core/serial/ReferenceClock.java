package dev.zerocluster.core.serial;

/**
 * The chip's reference clock fREF made from a crystal: the PLL setting and the CLKSRC value.
 *
 * <p>The choice follows {@code max310x_set_ref_clk} in the Linux driver, so that a board behaves
 * as it would under the kernel: prefer the setting whose fREF is the closest multiple of
 * 7.3728 MHz (16 x 460,800, which gives exact 115,200-family rates), trying the crystal alone
 * and then every PLL predivider 1..63 with the multipliers whose input ranges the datasheet
 * allows (x6: 500-800 kHz, x48: 850 kHz-1.2 MHz, x96: 425 kHz-1 MHz, x144: 390-667 kHz).
 * Unlike the kernel, candidates above 96 MHz are skipped: fREF must stay below that
 * (MAX3107 datasheet p.18).
 *
 * @param pllcfg  PLLCFG (0x1A): multiplier code in bits 7:6, predivider in 5:0; 0 when bypassed
 * @param clksrc  CLKSRC (0x1E): ClockEn and CrystalEn, and PLLEn or PLLBypass
 */
public record ReferenceClock(long crystalHz, int pllcfg, int clksrc, long fRefHz) {

    public static final long MIN_CRYSTAL_HZ = 1_000_000;
    public static final long MAX_CRYSTAL_HZ = 4_000_000;
    static final long MAX_FREF_HZ = 96_000_000;

    private static final long BEST_MULTIPLE_HZ = 460_800L * 16;
    private static final int[] MULTIPLIERS = {6, 48, 96, 144};
    private static final long[] MIN_INPUT_HZ = {500_000, 850_000, 425_000, 390_000};
    private static final long[] MAX_INPUT_HZ = {800_000, 1_200_000, 1_000_000, 667_000};

    public boolean usesPll() {
        return pllcfg != 0;
    }

    /** The clock for a crystal of 1 to 4 MHz between XIN and XOUT (the range [K] accepts). */
    public static ReferenceClock forCrystal(long crystalHz) {
        if (crystalHz < MIN_CRYSTAL_HZ || crystalHz > MAX_CRYSTAL_HZ) {
            throw new IllegalArgumentException("crystal of " + crystalHz
                    + " Hz: the MAX3109 oscillator takes a crystal of 1 to 4 MHz");
        }
        long bestError = crystalHz % BEST_MULTIPLE_HZ;
        long bestFreq = crystalHz;
        int bestPllcfg = 0;
        for (int predivider = 1; predivider <= 63 && bestError != 0; predivider++) {
            long input = Math.round((double) crystalHz / predivider);
            for (int m = 0; m < MULTIPLIERS.length; m++) {
                long output = input * MULTIPLIERS[m];
                if (input < MIN_INPUT_HZ[m] || input > MAX_INPUT_HZ[m] || output > MAX_FREF_HZ) {
                    continue;
                }
                long error = output % BEST_MULTIPLE_HZ;
                // Strictly better only, as in the kernel: the first setting found wins a tie.
                if (error < bestError) {
                    bestError = error;
                    bestFreq = output;
                    bestPllcfg = (m << 6) | predivider;
                }
            }
        }
        int clksrc = Max3109Registers.CLKSRC_CLOCK_ENABLE | Max3109Registers.CLKSRC_CRYSTAL
                | (bestPllcfg != 0 ? Max3109Registers.CLKSRC_PLL : Max3109Registers.CLKSRC_PLL_BYPASS);
        return new ReferenceClock(crystalHz, bestPllcfg, clksrc, bestFreq);
    }
}
