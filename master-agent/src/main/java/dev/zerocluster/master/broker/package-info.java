/**
 * The MQTT broker the cluster uses: Moquette embedded in zc-master, or an external one. Config keys:
 * {@code mqtt.embedded.enabled}, {@code mqtt.embedded.port}, {@code mqtt.embedded.bind},
 * {@code mqtt.url}, {@code mqtt.join-token-file}, {@code mqtt.allow-anonymous}.
 */
package dev.zerocluster.master.broker;
