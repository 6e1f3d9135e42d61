/**
 * Serial byte streams: {@link dev.zerocluster.core.serial.ByteLink} and its two sources, a UART of
 * a MAX3109 SPI dual UART driven through Pi4J ({@link dev.zerocluster.core.serial.Max3109}, with
 * the register map in {@code Max3109Registers}, the clock and baud choices in
 * {@link dev.zerocluster.core.serial.ReferenceClock} and {@link dev.zerocluster.core.serial.BaudDivisor})
 * and a tty through jSerialComm ({@link dev.zerocluster.core.serial.SerialPortLink}).
 *
 * <p>Touches: the SPI device and IRQ GPIO it is given (it opens neither), a tty path it is given.
 * Config keys it serves (parsed elsewhere): the node's {@code links.serial.device} and
 * {@code links.serial.baud}; the master's {@code links.serial.ports[].max3109} ({@code spi-bus},
 * {@code chip-select}, {@code channel}, {@code crystal-hz}, {@code irq-gpio}) and {@code baud}.
 * Usage, idle SPI traffic and clock choices: {@code docs/max3109.md}.
 */
package dev.zerocluster.core.serial;
