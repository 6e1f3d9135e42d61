package dev.zerocluster.master.daemon;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.testing.MosquittoProcess;
import dev.zerocluster.master.broker.MosquittoFiles;
import dev.zerocluster.master.broker.MosquittoPasswords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * The contract with Debian's Mosquitto as an external broker, configured with the files that
 * {@code zc-master mosquitto-config} writes. One extra user, {@code observer}, may read everything:
 * with {@code use_username_as_clientid} a second login as the master would push the master off.
 */
class MosquittoMasterNodeTest extends MasterNodeContract {
    static final List<String> NODES = List.of("zero-a1", "zero-b1", "zero-b2", "zero-c1", "zero-d1", "zero-e1",
            "zero-f1", "zero-f2", "zero-f3", "zero-g1", "zero-g2");
    static final String OBSERVER_PASSWORD = "observer-password";
    MosquittoProcess mosquitto;

    @Override
    void startBroker() throws Exception {
        Path conf = cluster.dir().resolve("mosquitto-conf");
        Files.createDirectories(conf);
        MosquittoFiles files = new MosquittoFiles("default", ClusterFixture.TOKEN, cluster.masterSecret(),
                new SecureRandom());
        MosquittoFiles.Written w = files.writeTo(conf, NODES.stream().map(NodeId::of).toList(),
                new MosquittoFiles.Listener(cluster.mqttPort(), Optional.of("127.0.0.1")), conf);
        for (String user : new String[] {"observer", "observer-2"}) {
            Files.writeString(w.passwordFile(), MosquittoPasswords.line(user, OBSERVER_PASSWORD, new SecureRandom()) + "\n",
                    StandardOpenOption.APPEND);
            Files.writeString(w.aclFile(), "\nuser " + user + "\ntopic read #\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        mosquitto = MosquittoProcess.start(conf, cluster.mqttPort(), cluster.dir().resolve("mosquitto-run"));
        cluster.track(mosquitto);
    }

    @Override
    MasterDaemon startMaster() throws Exception {
        return cluster.startMaster("mqtt.embedded.enabled=false", "mqtt.url=" + cluster.brokerUrl());
    }

    @Override
    void stopBroker(MasterDaemon master) {
        mosquitto.stop();
    }

    @Override
    void restartBroker(MasterDaemon master) {
        mosquitto.restart();
    }

    @Override
    MqttClient observer(String clientId) throws Exception {
        return cluster.client(clientId, clientId, OBSERVER_PASSWORD);
    }

    static Stream<String> nodes() {
        return NODES.stream();
    }
}
