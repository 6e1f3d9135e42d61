/**
 * MQTT: how a daemon reaches the broker. Config keys (node): {@code mqtt.url},
 * {@code mqtt.username}, {@code mqtt.password-file}, {@code mqtt.join-token-file},
 * {@code mqtt.keepalive}.
 */
package dev.zerocluster.core.mqtt;
