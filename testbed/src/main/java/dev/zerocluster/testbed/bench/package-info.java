/**
 * Helpers the benchmark scripts under {@code testbed/bench/} run beside the processes they
 * measure. {@link dev.zerocluster.testbed.bench.IdleJvm} is the node footprint's floor: a JVM with
 * the node's flags that wakes once a second and does nothing. They touch no file and open no port.
 */
package dev.zerocluster.testbed.bench;
