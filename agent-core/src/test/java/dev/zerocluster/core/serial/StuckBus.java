package dev.zerocluster.core.serial;

import java.util.Arrays;

/**
 * A chip-select with no chip behind it: MISO reads one level throughout, all ones where a
 * pull-up (or nothing) holds the line, all zeros where something holds it low.
 */
final class StuckBus implements SpiDevice {

    private final byte level;

    StuckBus(int level) {
        this.level = (byte) level;
    }

    @Override
    public void exchange(byte[] mosi, int mosiOffset, byte[] miso, int misoOffset, int length) {
        Arrays.fill(miso, misoOffset, misoOffset + length, level);
    }
}
