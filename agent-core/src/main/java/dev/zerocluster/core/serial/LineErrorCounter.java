package dev.zerocluster.core.serial;

import static dev.zerocluster.core.serial.Max3109Registers.LSR_BREAK;
import static dev.zerocluster.core.serial.Max3109Registers.LSR_FRAMING;
import static dev.zerocluster.core.serial.Max3109Registers.LSR_NOISE;
import static dev.zerocluster.core.serial.Max3109Registers.LSR_OVERRUN;
import static dev.zerocluster.core.serial.Max3109Registers.LSR_PARITY;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts the error bits of LSR values as one UART's reader reads them; read from any thread. */
final class LineErrorCounter {

    private static final int[] BITS = {LSR_OVERRUN, LSR_PARITY, LSR_FRAMING, LSR_BREAK, LSR_NOISE};

    private final AtomicLongArray counts = new AtomicLongArray(BITS.length);

    void count(int lsr) {
        for (int i = 0; i < BITS.length; i++) {
            if ((lsr & BITS[i]) != 0) {
                counts.incrementAndGet(i);
            }
        }
    }

    LineErrors snapshot() {
        return new LineErrors(counts.get(0), counts.get(1), counts.get(2), counts.get(3), counts.get(4));
    }
}
