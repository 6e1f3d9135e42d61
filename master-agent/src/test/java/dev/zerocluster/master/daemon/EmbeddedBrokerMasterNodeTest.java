package dev.zerocluster.master.daemon;

import dev.zerocluster.core.mqtt.Credentials;
import org.eclipse.paho.client.mqttv3.MqttClient;

/** The contract with the broker embedded in zc-master (Moquette). */
class EmbeddedBrokerMasterNodeTest extends MasterNodeContract {

    @Override
    void startBroker() {
        // The master starts its own.
    }

    @Override
    MasterDaemon startMaster() throws Exception {
        return cluster.startMaster();
    }

    @Override
    void stopBroker(MasterDaemon master) {
        master.broker().orElseThrow().stop();
    }

    @Override
    void restartBroker(MasterDaemon master) throws Exception {
        master.broker().orElseThrow().start();
    }

    @Override
    MqttClient observer(String clientId) throws Exception {
        return cluster.client(clientId, Credentials.MASTER_USER, cluster.masterSecret());
    }
}
