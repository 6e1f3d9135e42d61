/**
 * The master's side of the serial fallback: native UARTs (jSerialComm) and MAX3109 SPI UART
 * channels (Pi4J). Config key: {@code links.serial.ports}.
 */
package dev.zerocluster.master.link.serial;
