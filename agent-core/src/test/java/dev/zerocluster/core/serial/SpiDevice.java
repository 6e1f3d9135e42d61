package dev.zerocluster.core.serial;

/** What sits behind one chip-select in a test: one call is one chip-select period. */
interface SpiDevice {

    void exchange(byte[] mosi, int mosiOffset, byte[] miso, int misoOffset, int length);
}
