package org.loftmail.auth.passdb;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.AuthTemplates;
import org.loftmail.auth.nativeos.Pam;

/**
 * passdb pam: the system's PAM stack through libpam (JNA). Args as Dovecot's:
 * {@code [session=yes] [setcred=yes] [failure_show_msg=yes] [max_requests=N] [SERVICE]}, the
 * service name ({@code dovecot} by default, i.e. /etc/pam.d/dovecot) may use variables
 * ({@code %Ls}).
 *
 * <p>Dovecot runs PAM in worker processes and restarts one after {@code max_requests}
 * requests; Loft runs PAM in-process on virtual threads, so {@code max_requests} bounds how many
 * PAM conversations run at once instead (default 100). A request that finds every slot taken
 * for 10 seconds is a temporary failure: a hanging PAM module never stalls other passdbs.
 */
public final class PamPassDb implements PassDb {
    static final long SLOT_WAIT_SECONDS = 10;

    private final String service;
    private final boolean session;
    private final boolean setcred;
    private final boolean failureShowMsg;
    private final Semaphore slots;

    public PamPassDb(String args) {
        String svc = "dovecot";
        boolean sess = false;
        boolean cred = false;
        boolean show = false;
        int max = 100;
        for (String token : args.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("session=")) {
                sess = yes(token, "session=");
            } else if (token.startsWith("setcred=")) {
                cred = yes(token, "setcred=");
            } else if (token.startsWith("failure_show_msg=")) {
                show = yes(token, "failure_show_msg=");
            } else if (token.startsWith("max_requests=")) {
                max = Integer.parseInt(token.substring("max_requests=".length()));
                if (max < 1) {
                    throw new IllegalArgumentException("passdb pam: max_requests must be at least 1");
                }
            } else if (token.startsWith("cache_key=")) {
                // Dovecot's per-passdb cache key; Loft's cache keys on (service, user) for every driver.
            } else if (token.contains("=")) {
                throw new IllegalArgumentException("passdb pam: unknown argument '" + token + "'");
            } else {
                svc = token;
            }
        }
        this.service = svc;
        this.session = sess;
        this.setcred = cred;
        this.failureShowMsg = show;
        this.slots = new Semaphore(max, true);
    }

    private static boolean yes(String token, String prefix) {
        String v = token.substring(prefix.length());
        return v.equalsIgnoreCase("yes") || v.equals("1") || v.equalsIgnoreCase("y");
    }

    @Override
    public String driverName() {
        return "pam";
    }

    @Override
    public PassDbResult verifyPlain(AuthRequest request, String password) {
        try {
            if (!slots.tryAcquire(SLOT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return PassDbResult.internalFailure("all " + "PAM slots busy (max_requests reached)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PassDbResult.internalFailure("interrupted");
        }
        Pam.Result r;
        try {
            String svc = AuthTemplates.expand(service, request, s -> s);
            r = Pam.authenticate(svc, request.user(), password, request.client().remoteIpText(), session, setcred);
        } finally {
            slots.release();
        }
        String reason = r.step() + "() failed: " + r.detail();
        Map<String, String> fields = failureShowMsg && !r.messages().isEmpty()
                ? Map.of("reason", String.join(" ", r.messages()))
                : Map.of();
        return switch (r.status()) {
            case OK -> PassDbResult.ok(Map.of());
            case USER_UNKNOWN -> new PassDbResult(PassDbResult.Status.USER_UNKNOWN, fields, null, "unknown user");
            case MISMATCH -> new PassDbResult(PassDbResult.Status.PASSWORD_MISMATCH, fields, null, reason);
            case EXPIRED -> new PassDbResult(PassDbResult.Status.PASS_EXPIRED, fields, null, reason);
            case DENIED -> new PassDbResult(PassDbResult.Status.USER_DISABLED, fields, null, reason);
            case INTERNAL -> PassDbResult.internalFailure(reason);
        };
    }

    @Override
    public PassDbResult lookupCredentials(AuthRequest request) {
        return PassDbResult.of(PassDbResult.Status.SCHEME_NOT_AVAILABLE, "pam can't look up credentials");
    }
}
