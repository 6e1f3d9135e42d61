package dev.zerocluster.core.serial;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * A full-duplex byte stream to one serial peer: a MAX3109 UART ({@link Max3109#open}) or a tty
 * through jSerialComm ({@link SerialPortLink}). One thread may read while another writes.
 */
public interface ByteLink extends Closeable {

    /**
     * Reads up to {@code len} bytes; waits at most {@code timeout} for the first one.
     * Returns the count read, 0 on timeout, -1 once closed.
     */
    int read(byte[] buf, int off, int len, Duration timeout) throws IOException;

    /** Writes all {@code len} bytes, blocking while the transmitter is full. */
    void write(byte[] buf, int off, int len) throws IOException;
}
