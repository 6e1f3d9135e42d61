package dev.zerocluster.master.broker;

/**
 * What clients publish to the embedded broker, handed over inside the process: the master reads
 * node reports here instead of through an MQTT client of its own over loopback, which at 1000
 * nodes cost a third of the master's CPU (docs/performance.md, "Master ingest"). Moquette calls
 * this only for publishes its authorizer allowed, on its one interceptor thread, in the order it
 * accepted them, together with the connect and disconnect events of {@link Presence}.
 */
public interface Publications {
    Publications NONE = new Publications() {
        @Override
        public boolean wants(String topic) {
            return false;
        }

        @Override
        public void published(String topic, byte[] payload) {
        }
    };

    /** Whether {@link #published} wants this topic's payloads; others are not copied. */
    boolean wants(String topic);

    void published(String topic, byte[] payload);
}
