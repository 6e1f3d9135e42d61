package dev.zerocluster.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeDaemonTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSettledLinkLookFallsOnTheReportsGridOfWholeSeconds() {
        assertThat(NodeDaemon.untilNextTick(0, SECOND)).isEqualTo(SECOND);
        assertThat(NodeDaemon.untilNextTick(3 * SECOND + 40_000, SECOND)).as("just after a tick")
                .isEqualTo(SECOND - 40_000);
        assertThat(NodeDaemon.untilNextTick(5 * SECOND + SECOND / 2, SECOND)).isEqualTo(SECOND / 2);
        assertThat(NodeDaemon.untilNextTick(7 * SECOND - 20_000, SECOND))
                .as("a hair before a tick: the one after, not one at once").isEqualTo(SECOND + 20_000);
    }
}
