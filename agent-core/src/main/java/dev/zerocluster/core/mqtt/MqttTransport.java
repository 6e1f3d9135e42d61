package dev.zerocluster.core.mqtt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The MQTT 3.1.1 client under an {@link MqttSession}: one connection at a time, clean sessions,
 * QoS 0 and 1. The session keeps every policy (buffering, resending, birth, back-off); a transport
 * only moves packets. {@link PahoTransport} is Eclipse Paho's client (the master's);
 * {@link SocketTransport} is a plain socket read by the node's own loop (for its CPU per
 * report: docs/performance.md, "Node footprint").
 */
public interface MqttTransport {
    /** What a CONNECT carries, and where to. */
    record Connect(URI url, String clientId, Optional<String> username, Optional<String> password,
                   Duration keepalive, Optional<MqttSession.Message> will) {
    }

    /** What happens on a connection; called on a thread of the transport, so it must be quick. */
    interface Events {
        /** The connection broke (not after {@link #disconnect} or {@link #drop}). */
        void lost(Throwable cause);

        /** A message on a subscribed topic. */
        void arrived(String topic, byte[] payload);
    }

    /** The end of one operation; called on a thread of the transport, so it must be quick. */
    interface Outcome {
        void succeeded();

        void failed(Throwable cause);

        /**
         * Whether a caller waits for this outcome (a graceful goodbye before closing), so that the
         * transport should look for the answer at once rather than when it next would.
         */
        default boolean awaited() {
            return false;
        }
    }

    /** Starts connecting; {@code outcome} says how it went, and {@code events} serve the connection. */
    void connect(Connect connect, Events events, Outcome outcome) throws IOException;

    /** {@code outcome} succeeds when the broker granted every filter. */
    void subscribe(String[] filters, int[] qos, Outcome outcome) throws IOException;

    /** {@code outcome} succeeds on the PUBACK (QoS 1) or once written (QoS 0). */
    void publish(MqttSession.Message message, Outcome outcome) throws IOException;

    boolean isConnected();

    /** Ends the connection at once without a DISCONNECT (so the broker publishes the will); no event follows. */
    void drop();

    /** Sends DISCONNECT and closes (the will is discarded); may block up to {@code bound}. */
    void disconnect(Duration bound);

    /** Releases what the transport holds; after it, nothing works. */
    void close();
}
