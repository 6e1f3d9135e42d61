package dev.zerocluster.testbed.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the simulated nodes behave: where they connect, how many there are in all (their report
 * phases are spread evenly over {@code interval} across all of them), how fast they join.
 */
record LoadSettings(
        InetSocketAddress broker,
        int totalNodes,
        Duration interval,
        Duration rampUp,
        Duration keepalive,
        Duration connectTimeout,
        Duration retryDelay) {
}
