package dev.zerocluster.master.broker;

import dev.zerocluster.core.model.NodeId;
import dev.zerocluster.core.mqtt.Credentials;
import io.moquette.broker.security.IAuthenticator;
import java.util.Optional;

/**
 * Who may log in to the embedded broker (SPEC §6): the master with its secret, and a node whose
 * user name is its id, whose client id is the same (so nobody can take over another's session),
 * and whose password is the HMAC of the join token and the id. With no token, nodes get in only
 * when {@code mqtt.allow-anonymous} is true.
 */
public final class BrokerAuthenticator implements IAuthenticator {
    private final String masterSecret;
    private final Optional<String> joinToken;
    private final boolean allowAnonymous;

    public BrokerAuthenticator(String masterSecret, Optional<String> joinToken, boolean allowAnonymous) {
        this.masterSecret = masterSecret;
        this.joinToken = joinToken;
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null) {
            return false;
        }
        if (Credentials.MASTER_USER.equals(username)) {
            return Credentials.matches(masterSecret, password);
        }
        if (!NodeId.isValid(username) || !username.equals(clientId)) {
            return false;
        }
        if (joinToken.isPresent() && password != null && password.length > 0) {
            return Credentials.matches(Credentials.nodePassword(joinToken.get(), NodeId.of(username)), password);
        }
        return allowAnonymous;
    }
}
