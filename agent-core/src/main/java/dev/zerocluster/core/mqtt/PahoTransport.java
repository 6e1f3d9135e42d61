package dev.zerocluster.core.mqtt;

import java.io.IOException;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Paho's MQTT 3.1.1 client ({@code MqttAsyncClient}), kept in memory: Paho's default file
 * persistence fsyncs once per message (paho#435), and the session keeps what is unacknowledged.
 * Its automatic reconnect stays off; the session reconnects.
 */
public final class PahoTransport implements MqttTransport {
    /** Paho's own window; the session keeps far fewer in flight. */
    private static final int MAX_IN_FLIGHT = 64;

    private final MqttAsyncClient client;
    private volatile Events events;

    public PahoTransport(String clientId) {
        try {
            // The URI given here is replaced per attempt through MqttConnectOptions.setServerURIs.
            this.client = new MqttAsyncClient("tcp://127.0.0.1:1883", clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad MQTT client id '" + clientId + "': " + e.getMessage(), e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                Events e = events;
                if (e != null) {
                    e.lost(cause);
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Events e = events;
                if (e != null) {
                    e.arrived(topic, message.getPayload());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Each publish has its own listener.
            }
        });
    }

    @Override
    public void connect(Connect c, Events events, Outcome outcome) throws IOException {
        this.events = events;
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(new String[] {c.url().toString()});
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) c.keepalive().toSeconds());
        options.setConnectionTimeout(5);
        options.setMaxInflight(MAX_IN_FLIGHT);
        c.username().ifPresent(options::setUserName);
        c.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        c.will().ifPresent(w -> options.setWill(w.topic(), w.payload(), w.qos(), w.retained()));
        try {
            client.connect(options, null, listener(outcome));
        } catch (MqttException e) {
            throw wrap(e);
        }
    }

    @Override
    public void subscribe(String[] filters, int[] qos, Outcome outcome) throws IOException {
        try {
            client.subscribe(filters, qos, null, listener(outcome));
        } catch (MqttException e) {
            throw wrap(e);
        }
    }

    @Override
    public void publish(MqttSession.Message m, Outcome outcome) throws IOException {
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained(), null, listener(outcome));
        } catch (MqttException e) {
            throw wrap(e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void drop() {
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            // Already disconnected.
        }
    }

    @Override
    public void disconnect(Duration bound) {
        try {
            if (client.isConnected()) {
                client.disconnect(100).waitForCompletion(Math.max(50, bound.toMillis()));
            }
        } catch (MqttException e) {
            // Forced below.
        }
        try {
            client.disconnectForcibly(0, 50, false);
        } catch (MqttException e) {
            // Already disconnected.
        }
    }

    @Override
    public void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // Closing anyway.
        }
    }

    private static IMqttActionListener listener(Outcome outcome) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                outcome.succeeded();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                outcome.failed(e);
            }
        };
    }

    private static IOException wrap(MqttException e) {
        return new IOException(e.getMessage(), e);
    }
}
