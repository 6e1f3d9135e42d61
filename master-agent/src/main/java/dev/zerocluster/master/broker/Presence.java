package dev.zerocluster.master.broker;

import dev.zerocluster.core.model.NodeId;

/**
 * Connections and disconnections as the embedded broker sees them. They are the trustworthy
 * presence source there: Moquette publishes a client's will without checking its ACL, so a will
 * could speak for another node.
 */
public interface Presence {
    Presence NONE = new Presence() {
        @Override
        public void connected(NodeId node) {
        }

        @Override
        public void disconnected(NodeId node) {
        }
    };

    void connected(NodeId node);

    void disconnected(NodeId node);
}
