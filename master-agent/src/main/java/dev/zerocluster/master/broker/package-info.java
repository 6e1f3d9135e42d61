/**
 * The MQTT broker the cluster uses: Moquette embedded in zc-master ({@code EmbeddedBroker}, with our
 * {@code BrokerAuthenticator}, the {@code AccessPolicy}, broker-side presence, and node messages
 * handed to the registry inside the process ({@code Publications}, in {@code EventBatches}), or an external
 * Mosquitto, for which {@code zc-master mosquitto-config} writes the password file, ACL and conf.d
 * snippet ({@code MosquittoFiles}). Writes {@code <state.dir>/master-secret}. Config keys:
 * {@code mqtt.embedded.enabled}, {@code mqtt.embedded.port}, {@code mqtt.embedded.bind},
 * {@code mqtt.url}, {@code mqtt.join-token-file}, {@code mqtt.allow-anonymous}.
 */
package dev.zerocluster.master.broker;
