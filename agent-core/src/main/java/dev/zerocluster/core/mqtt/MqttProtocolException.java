package dev.zerocluster.core.mqtt;

import java.io.IOException;

/** The broker (or whatever answered at its address) sent bytes that are not MQTT 3.1.1. */
public final class MqttProtocolException extends IOException {
    public MqttProtocolException(String message) {
        super(message);
    }
}
