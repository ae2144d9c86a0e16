package org.loftmail.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.loftmail.auth.sasl.Authenticated;
import org.loftmail.auth.sasl.CredentialsFound;
import org.loftmail.auth.sasl.CredentialsResult;
import org.loftmail.auth.sasl.RejectReason;
import org.loftmail.auth.sasl.Rejected;
import org.loftmail.auth.sasl.SaslLogin;
import org.loftmail.auth.sasl.SaslPassdb;
import org.loftmail.auth.sasl.SaslRequestContext;
import org.loftmail.auth.sasl.Unavailable;
import org.loftmail.auth.sasl.VerifyResult;
import org.loftmail.auth.scheme.StoredPassword;

/**
 * The passdb chain as the SASL mechanisms see it, for one {@link SaslSession}. It remembers the
 * last result so the session can hand the protocol the full answer (master user, userdb fields,
 * the precise failure kind).
 */
final class SessionPassdb implements SaslPassdb {
    private final AuthService service;
    private final ClientInfo client;
    private AuthResult.Success lastSuccess;
    private AuthResult.Failure lastFailure;

    SessionPassdb(AuthService service, ClientInfo client) {
        this.service = service;
        this.client = client;
    }

    SaslRequestContext context() {
        Optional<InetSocketAddress> local = client.localIp() == null ? Optional.empty()
                : Optional.of(new InetSocketAddress(client.localIp(), client.localPort()));
        Optional<InetSocketAddress> remote = client.remoteIp() == null ? Optional.empty()
                : Optional.of(new InetSocketAddress(client.remoteIp(), client.remotePort()));
        return new SaslRequestContext(client.service(), local, remote, client.secured(),
                Optional.ofNullable(client.certSubject()), client.session() == null ? "" : client.session());
    }

    AuthResult.Success lastSuccess() {
        return lastSuccess;
    }

    AuthResult.Failure lastFailure() {
        return lastFailure;
    }

    @Override
    public VerifyResult verifyPlain(SaslLogin login, byte[] password) {
        String pw = new String(password, StandardCharsets.UTF_8);
        AuthResult r = service.verifyPlainNoDelay(client, login.mechanism(), login.authcid(),
                login.authzid().orElse(null), pw);
        return verifyResult(r);
    }

    @Override
    public CredentialsResult lookupCredentials(SaslLogin login, String scheme) {
        AuthService.CredentialsLookup r = service.lookupCredentials(client, login.mechanism(), login.authcid(),
                login.authzid().orElse(null));
        return switch (r) {
            case AuthService.CredentialsLookup.Found f -> {
                lastSuccess = f.login();
                lastFailure = null;
                yield new CredentialsFound(f.login().user(), StoredPassword.parse(f.credentials(), "PLAIN"), f.login().fields());
            }
            case AuthService.CredentialsLookup.NotFound n -> {
                lastFailure = n.failure();
                yield n.failure().temporary() ? new Unavailable("passdb lookup failed")
                        : new Rejected(reason(n.failure().kind()), Optional.ofNullable(n.failure().clientMessage()));
            }
        };
    }

    @Override
    public VerifyResult lookupWithoutPassword(SaslLogin login) {
        return verifyResult(service.lookupPassdb(client, login.authcid()));
    }

    private VerifyResult verifyResult(AuthResult r) {
        return switch (r) {
            case AuthResult.Success s -> {
                lastSuccess = s;
                lastFailure = null;
                yield new Authenticated(s.user(), s.fields());
            }
            case AuthResult.Failure f -> {
                lastFailure = f;
                yield f.temporary() ? new Unavailable("passdb lookup failed")
                        : new Rejected(reason(f.kind()), Optional.ofNullable(f.clientMessage()));
            }
        };
    }

    private static RejectReason reason(AuthResult.Kind kind) {
        return switch (kind) {
            case DISABLED, PLAINTEXT_DISABLED -> RejectReason.USER_DISABLED;
            case PASSWORD_EXPIRED -> RejectReason.PASSWORD_EXPIRED;
            case NOT_AUTHORIZED -> RejectReason.NOT_AUTHORIZED;
            case INVALID_USERNAME -> RejectReason.UNKNOWN_USER;
            default -> RejectReason.PASSWORD_MISMATCH;
        };
    }
}
