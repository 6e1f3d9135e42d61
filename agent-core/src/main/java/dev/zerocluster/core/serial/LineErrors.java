package dev.zerocluster.core.serial;

/**
 * Line errors one UART has seen since it was opened, from the chip's line status register.
 * A count is the number of LSR reads that found the condition (the bits latch until LSR is
 * read, so several bad words between two reads count once): it tells that a line is bad,
 * not how many bytes were hurt.
 *
 * @param overruns      words lost because the 128-word RX FIFO was full
 * @param parityErrors  words whose parity bit was wrong
 * @param framingErrors words whose stop bit was low (typically a baud mismatch)
 * @param breaks        the line held low for a whole word
 * @param noise         bits whose three samples disagreed
 */
public record LineErrors(long overruns, long parityErrors, long framingErrors, long breaks, long noise) {

    public static final LineErrors NONE = new LineErrors(0, 0, 0, 0, 0);

    public long total() {
        return overruns + parityErrors + framingErrors + breaks + noise;
    }
}
