package dev.zerocluster.master.broker;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette 0.17 inside zc-master, so a master needs nothing else installed. Configured against
 * its known gaps (conventions.md §6.1): no file persistence (it would map a 64 MiB page file),
 * no telemetry, payloads up to 1 MiB (its 8 KiB default drops the connection, and the master
 * must see an oversized report to count it), our own authenticator and authorizer keyed on the
 * authenticated user (its ACL file parser loses {@code #}), and connect, disconnect and publish
 * events on one thread so they arrive in order.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /**
     * How long broker events gather before the registry takes them (see {@link EventBatches}):
     * well inside the 50 ms a report may take to reach the registry.
     */
    static final Duration GATHER = Duration.ofMillis(10);
    /**
     * {@link #awaitDeliveries}: Moquette's PUBACK can come before every subscriber's copy is
     * written, and a stop right after it dropped a copy once in CI (session 8: a subscriber had the
     * master's birth but never its {@code offline}). A copy takes well under a millisecond, but
     * Moquette does not say when its writes are done, so this is a fixed pause.
     */
    private static final long DELIVERY_PAUSE_MILLIS = 200;

    private final String bind;
    private final int port;
    private final boolean allowAnonymous;
    private final BrokerAuthenticator authenticator;
    private final AccessPolicy policy;
    private final Presence presence;
    private final Publications publications;
    private volatile Server server;
    private volatile EventBatches events;

    public EmbeddedBroker(String bind, int port, boolean allowAnonymous, BrokerAuthenticator authenticator,
                          AccessPolicy policy, Presence presence, Publications publications) {
        this.bind = bind;
        this.port = port;
        this.allowAnonymous = allowAnonymous;
        this.authenticator = authenticator;
        this.policy = policy;
        this.presence = presence;
        this.publications = publications;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("host", bind);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", Boolean.toString(allowAnonymous));
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("intercept.thread_pool.size", "1");
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("reauthorize_subscriptions_on_connect", "true");
        p.setProperty("netty.epoll", Boolean.toString(Epoll.isAvailable()));
        events = new EventBatches("broker-events", GATHER);
        Server s = new Server();
        try {
            s.startServer(new MemoryConfig(p), List.of(new PresenceHandler()), null, authenticator, new Authorizer());
        } catch (IOException | RuntimeException e) {
            events.close();
            throw e;
        }
        server = s;
        LOG.info("embedded MQTT broker listening on {}:{} ({})", bind, port,
                Epoll.isAvailable() ? "epoll" : "Java NIO: " + Epoll.unavailabilityCause());
    }

    /**
     * Gives the broker time to hand what it has acknowledged to its subscribers; call it before
     * {@link #stop} or before the process exits, after a last message that must be seen.
     */
    public void awaitDeliveries() {
        try {
            Thread.sleep(DELIVERY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
            // After the broker: its interceptor has handed over its last events by now.
            events.close();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private final class Authorizer implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            boolean ok = policy.canWrite(user, topic.toString());
            if (!ok) {
                LOG.debug("refused publish by {} to {}", user, topic);
            }
            return ok;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return policy.canRead(user, topic.toString());
        }
    }

    private final class PresenceHandler extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "zerocluster-presence";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] {InterceptConnectMessage.class, InterceptDisconnectMessage.class,
                InterceptConnectionLostMessage.class, InterceptPublishMessage.class};
        }

        @Override
        public void onConnect(InterceptConnectMessage msg) {
            String user = msg.getUsername();
            later(() -> node(user).ifPresent(presence::connected));
        }

        @Override
        public void onDisconnect(InterceptDisconnectMessage msg) {
            later(() -> ended(msg.getClientID(), msg.getUsername()));
        }

        @Override
        public void onConnectionLost(InterceptConnectionLostMessage msg) {
            later(() -> ended(msg.getClientID(), msg.getUsername()));
        }

        /** Every event goes through the one batch queue, so they reach the registry in order. */
        private void later(Runnable event) {
            try {
                events.execute(event);
            } catch (RejectedExecutionException e) {
                // The broker is stopping: the registry hears no more of it.
            }
        }

        /**
         * A node that reconnects (a re-plugged link) takes over its session: the old connection's
         * end may be reported after the new one began, so ask the broker who is connected now.
         */
        private void ended(String clientId, String user) {
            Server s = server;
            if (s != null && s.listConnectedClients().stream().anyMatch(c -> c.getClientID().equals(clientId))) {
                return;
            }
            node(user).ifPresent(presence::disconnected);
        }

        /** Moquette hands each interceptor its own duplicate of the payload, to be released here. */
        @Override
        public void onPublish(InterceptPublishMessage msg) {
            ByteBuf payload = msg.getPayload();
            try {
                String topic = msg.getTopicName();
                if (publications.wants(topic)) {
                    byte[] bytes = new byte[payload.readableBytes()];
                    payload.getBytes(payload.readerIndex(), bytes);
                    later(() -> publications.published(topic, bytes));
                }
            } catch (RuntimeException e) {
                // One bad message must not stop the interceptor thread, which also carries presence.
                LOG.warn("a publish to {} could not be taken in: {}", msg.getTopicName(), e.toString());
            } finally {
                payload.release();
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.warn("broker session loop error: {}", error.toString());
        }

        private java.util.Optional<NodeId> node(String user) {
            if (user == null || Credentials.MASTER_USER.equals(user) || !NodeId.isValid(user)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(NodeId.of(user));
        }
    }
}
