package dev.zerocluster.core.serial;

/**
 * The MAX3109 register map and bits the driver uses, as the Linux driver
 * {@code drivers/tty/serial/max310x.c} defines them (the chip is register-compatible with the
 * MAX3107 and MAX14830, whose datasheets describe the same registers). Every register exists
 * once per UART; the UART is chosen by bit 5 of the SPI command byte.
 */
final class Max3109Registers {

    /** Command byte: bit 7 = write, bit 5 = UART, bits 4..0 = register (MAX3109 keeps bit 6 at 0). */
    static final int WRITE = 0x80;
    static final int UART_SHIFT = 5;

    static final int FIFO_WORDS = 128;

    static final int RHR_THR = 0x00; // RX FIFO on read, TX FIFO on write; bursts do not increment
    static final int IRQEN = 0x01;
    static final int ISR = 0x02; // clear-on-read
    static final int LSR_IRQEN = 0x03;
    static final int LSR = 0x04; // error bits latch until LSR is read
    static final int SPCHR_IRQEN = 0x05; // RevID here while the extended registers are unlocked
    static final int STS_IRQSTS = 0x08; // clear-on-read
    static final int MODE1 = 0x09;
    static final int MODE2 = 0x0A;
    static final int LCR = 0x0B;
    static final int FLOWCTRL = 0x13;
    static final int TXFIFOLVL = 0x11;
    static final int RXFIFOLVL = 0x12;
    static final int PLLCFG = 0x1A; // global: written through UART 0 only
    static final int BRGCFG = 0x1B;
    static final int BRGDIVLSB = 0x1C;
    static final int BRGDIVMSB = 0x1D;
    static final int CLKSRC = 0x1E; // global: written through UART 0 only
    static final int GLOBALIRQ = 0x1F; // read: bit n low while UART n interrupts
    static final int GLOBALCMD = 0x1F; // write

    static final int GLOBALCMD_EXTREG_ENABLE = 0xCE;
    static final int GLOBALCMD_EXTREG_DISABLE = 0xCD;
    static final int REVID_MASK = 0xF8;
    static final int MAX3109_REVID = 0xC0;

    static final int IRQ_LSR = 1 << 0;
    static final int IRQ_RXEMPTY = 1 << 6; // with MODE2.RxEmtyInv: "RX FIFO is no longer empty"

    static final int LSR_OVERRUN = 1 << 1;
    static final int LSR_PARITY = 1 << 2;
    static final int LSR_FRAMING = 1 << 3;
    static final int LSR_BREAK = 1 << 4;
    static final int LSR_NOISE = 1 << 5;
    static final int LSR_ERRORS = LSR_OVERRUN | LSR_PARITY | LSR_FRAMING | LSR_BREAK | LSR_NOISE;

    static final int STS_CLOCK_READY = 1 << 5;

    static final int MODE1_FORCE_SLEEP = 1 << 5;

    static final int MODE2_RESET = 1 << 0;
    static final int MODE2_FIFO_RESET = 1 << 1;
    static final int MODE2_RX_EMPTY_INV = 1 << 3;

    static final int LCR_8N1 = 0x03;

    static final int BRGCFG_2X = 1 << 4;
    static final int BRGCFG_4X = 1 << 5;

    static final int CLKSRC_CRYSTAL = 1 << 1;
    static final int CLKSRC_PLL = 1 << 2;
    static final int CLKSRC_PLL_BYPASS = 1 << 3;
    static final int CLKSRC_CLOCK_ENABLE = 1 << 4;

    /** BRGDIVLSB reads 0x01 once a UART has come out of reset ([K] max310x_probe). */
    static final int BRGDIVLSB_AFTER_RESET = 0x01;

    private Max3109Registers() {
    }
}
