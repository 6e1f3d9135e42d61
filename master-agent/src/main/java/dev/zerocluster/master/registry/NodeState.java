package dev.zerocluster.master.registry;

/** A node as the master sees it (SPEC §5). */
public enum NodeState {
    /** Connected, said it is online, and its health is fresh. */
    ONLINE,
    /** Still says online, but no health for {@code nodes.offline-after}: hung or cut off. */
    STALE,
    /** Said offline, lost its connection, or never came. */
    OFFLINE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
