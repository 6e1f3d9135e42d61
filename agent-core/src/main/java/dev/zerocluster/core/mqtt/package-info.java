/**
 * MQTT: how a daemon reaches the broker. {@link dev.zerocluster.core.mqtt.MqttSession} keeps the
 * policy (reconnect, birth, buffering, resending) over an
 * {@link dev.zerocluster.core.mqtt.MqttTransport} that moves the packets: Eclipse Paho's client on
 * the master, the node's own {@link dev.zerocluster.core.mqtt.SocketTransport} (with
 * {@link dev.zerocluster.core.mqtt.MqttCodec}) on plain TCP. Config keys (node): {@code mqtt.url},
 * {@code mqtt.username}, {@code mqtt.password-file}, {@code mqtt.join-token-file},
 * {@code mqtt.keepalive}.
 */
package dev.zerocluster.core.mqtt;
