package org.loftmail.auth.sasl;

import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/** The JDK's own SASL client implementations (PLAIN, CRAM-MD5, EXTERNAL) as independent peers. */
final class JdkSaslClients {
    private JdkSaslClients() {}

    static SaslClient client(String mechanism, String authzid, String user, String password) throws SaslException {
        SaslClient client = Sasl.createSaslClient(new String[] {mechanism}, authzid, "imap", "localhost", Map.of(),
                callbacks -> {
                    for (Callback cb : callbacks) {
                        if (cb instanceof NameCallback name) {
                            name.setName(user);
                        } else if (cb instanceof PasswordCallback pw) {
                            pw.setPassword(password.toCharArray());
                        } else {
                            throw new UnsupportedCallbackException(cb);
                        }
                    }
                });
        if (client == null) {
            throw new IllegalStateException("the JDK has no SASL client for " + mechanism);
        }
        return client;
    }

    /** Runs a whole exchange between a JDK client and a Loft exchange; returns the final step. */
    static SaslStep run(SaslClient client, SaslExchange server) throws SaslException {
        SaslStep step;
        if (client.hasInitialResponse()) {
            step = server.start(java.util.Optional.of(client.evaluateChallenge(new byte[0])));
        } else {
            step = server.start(java.util.Optional.empty());
        }
        int rounds = 0;
        while (step instanceof SaslStep.Challenge challenge) {
            if (++rounds > 10) {
                throw new IllegalStateException("exchange does not end");
            }
            step = server.respond(client.evaluateChallenge(challenge.data()));
        }
        return step;
    }
}
