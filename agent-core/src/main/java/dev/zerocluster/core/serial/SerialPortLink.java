package dev.zerocluster.core.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A tty (a native UART such as {@code /dev/serial0}, a USB serial adapter, a pty) through
 * jSerialComm, as 8N1 without flow control.
 *
 * <p>jSerialComm's own read timeouts are kept in tenths of a second on Linux (its
 * {@code setComPortTimeouts} rounds them to multiples of 100 ms, at least 100 ms), too coarse for
 * {@link ByteLink#read}'s "at most timeout". So the port reads without blocking from jSerialComm's
 * event thread whenever data is available, into a 64 KiB buffer, and {@link #read} waits on that
 * buffer with an exact timeout. Writes block in jSerialComm until the kernel has taken them.
 */
public final class SerialPortLink implements ByteLink {

    static final int BUFFER_BYTES = 64 * 1024;
    /** While the buffer is full the event thread waits this long for room, instead of spinning. */
    private static final long FULL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final SerialPort port;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dataReady = lock.newCondition();
    private final Condition spaceFree = lock.newCondition();
    private final byte[] ring = new byte[BUFFER_BYTES];
    private final byte[] chunk = new byte[4096]; // event thread only
    private int head;
    private int count;
    private boolean closed;
    private boolean disconnected;

    private SerialPortLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    /** Opens {@code device} (a path such as {@code /dev/ttyAMA0} or {@code /dev/pts/3}) as 8N1 at {@code baud}. */
    public static SerialPortLink open(String device, int baud) throws IOException {
        Objects.requireNonNull(device, "device");
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (RuntimeException e) { // SerialPortInvalidPortException for a path that does not exist
            throw new IOException("No serial port at " + device + ": " + e.getMessage(), e);
        }
        if (!port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY)
                || !port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED)
                || !port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 0)) {
            throw new IOException("Cannot configure serial port " + device + " for " + baud + " baud 8N1");
        }
        if (!port.openPort()) {
            throw new IOException("Cannot open serial port " + device + ": error " + port.getLastErrorCode()
                    + " at jSerialComm location " + port.getLastErrorLocation());
        }
        SerialPortLink link = new SerialPortLink(port, device);
        if (!port.addDataListener(link.new Receiver())) {
            port.closePort();
            throw new IOException("Cannot listen for data on serial port " + device);
        }
        return link;
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        long nanos;
        try {
            nanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return -1;
                }
                if (count > 0 || len == 0) {
                    break;
                }
                if (disconnected) {
                    throw new IOException("Serial port " + name + " was disconnected");
                }
                if (nanos <= 0) {
                    return 0;
                }
                nanos = dataReady.awaitNanos(nanos);
            }
            int n = Math.min(len, count);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, buf, off, first);
            System.arraycopy(ring, 0, buf, off + first, n - first);
            head = (head + n) % ring.length;
            count -= n;
            spaceFree.signal();
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + name, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int done = 0;
        while (done < len) {
            if (isClosed()) {
                throw new IOException("Serial port " + name + " is closed");
            }
            // Blocking write mode: returns once the kernel has taken the bytes.
            int n = port.writeBytes(buf, len - done, off + done);
            if (n < 0) {
                throw new IOException("Write to serial port " + name + " failed: error " + port.getLastErrorCode());
            }
            done += n;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dataReady.signalAll();
            spaceFree.signalAll();
        } finally {
            lock.unlock();
        }
        port.removeDataListener();
        port.closePort();
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Runs on jSerialComm's event thread: moves what the port holds into the buffer. */
    private final class Receiver implements SerialPortDataListener {

        @Override
        public int getListeningEvents() {
            return SerialPort.LISTENING_EVENT_DATA_AVAILABLE | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
        }

        @Override
        public void serialEvent(SerialPortEvent event) {
            if ((event.getEventType() & SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) != 0) {
                lock.lock();
                try {
                    disconnected = true;
                    dataReady.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
            try {
                while (true) {
                    int room = awaitRoom();
                    if (room <= 0) {
                        return;
                    }
                    int n = port.readBytes(chunk, Math.min(room, chunk.length), 0);
                    if (n <= 0) {
                        return;
                    }
                    store(n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Free space in the buffer, waiting (bounded) while there is none; 0 when closed. */
        private int awaitRoom() throws InterruptedException {
            lock.lock();
            try {
                if (!closed && count == ring.length) {
                    spaceFree.awaitNanos(FULL_WAIT_NANOS);
                }
                return closed ? 0 : ring.length - count;
            } finally {
                lock.unlock();
            }
        }

        private void store(int n) {
            lock.lock();
            try {
                int tail = (head + count) % ring.length;
                int first = Math.min(n, ring.length - tail);
                System.arraycopy(chunk, 0, ring, tail, first);
                System.arraycopy(chunk, first, ring, 0, n - first);
                count += n;
                dataReady.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
