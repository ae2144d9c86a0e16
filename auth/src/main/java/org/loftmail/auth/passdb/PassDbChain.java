package org.loftmail.auth.passdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.ChainResultAction;
import org.loftmail.auth.Fields;
import org.loftmail.auth.PassDbSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passdbs in configuration order with Dovecot's chain rules: result_success,
 * result_failure, result_internalfail, skip and deny. When no passdb decided, the chain
 * succeeds if an earlier step said "-ok", fails temporarily if any step had an internal failure,
 * and otherwise fails with the last failure.
 */
public final class PassDbChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    /** One configured passdb. */
    public record Step(PassDbSettings settings, PassDb db) {}

    /** What the chain decided, and which driver had the last word (for log lines). */
    public record Outcome(PassDbResult.Status status, String reason, String driver, String credentials,
                          PassDbSettings succeededWith) {
        public Outcome(PassDbResult.Status status, String reason, String driver, String credentials) {
            this(status, reason, driver, credentials, null);
        }

        public boolean ok() {
            return status == PassDbResult.Status.OK;
        }
    }

    private final List<Step> steps;
    private final boolean verbose;
    private final boolean debug;

    /** @param verbose auth_verbose: log every failure at info level (else at debug) */
    public PassDbChain(List<Step> steps, boolean verbose) {
        this(steps, verbose, false);
    }

    /** @param debug auth_debug: log successes and every step at info level too */
    public PassDbChain(List<Step> steps, boolean verbose, boolean debug) {
        this.steps = List.copyOf(steps);
        this.verbose = verbose;
        this.debug = debug;
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * Runs the chain. With a password it is verified; with {@code password == null} only a
     * lookup is made (credentials for challenge mechanisms, deny checks, "auth lookup").
     */
    public Outcome run(AuthRequest request, String password, boolean masterChain) {
        boolean success = false;
        boolean internalFailure = false;
        PassDbResult.Status lastFailure = PassDbResult.Status.USER_UNKNOWN;
        String lastReason = "unknown user";
        String lastDriver = "";
        String credentials = null;
        PassDbSettings okStep = null;
        boolean any = false;
        for (Step step : steps) {
            PassDbSettings set = step.settings();
            if (set.master() != masterChain) {
                continue;
            }
            if (!appliesTo(set, request)) {
                continue;
            }
            if (set.skip() == PassDbSettings.Skip.AUTHENTICATED && request.authenticated()
                    || set.skip() == PassDbSettings.Skip.UNAUTHENTICATED && !request.authenticated()) {
                continue;
            }
            any = true;
            lastDriver = step.db().driverName();
            PassDbResult result = runOne(step, request, password);
            if (set.deny()) {
                if (result.status() == PassDbResult.Status.INTERNAL_FAILURE) {
                    internalFailure = true;
                    lastFailure = PassDbResult.Status.INTERNAL_FAILURE;
                    lastReason = result.reason();
                    logResult(request, step, result);
                    continue;
                }
                if (result.status() != PassDbResult.Status.USER_UNKNOWN) {
                    LOG.info("{}: User found from deny passdb", request.logPrefix(lastDriver));
                    return new Outcome(PassDbResult.Status.USER_DISABLED, "denied", lastDriver, null);
                }
                continue;
            }
            logResult(request, step, result);
            ChainResultAction action;
            if (result.status() == PassDbResult.Status.OK) {
                applyFields(request, set, result.fields());
                okStep = set;
                if (result.credentials() != null) {
                    credentials = result.credentials();
                }
                action = set.resultSuccess();
            } else if (result.status() == PassDbResult.Status.INTERNAL_FAILURE) {
                internalFailure = true;
                action = set.resultInternalfail();
            } else {
                action = set.resultFailure();
            }
            if (result.status() != PassDbResult.Status.OK) {
                lastFailure = result.status();
                lastReason = result.reason();
                String clientReason = result.fields().get("reason");
                if (clientReason != null) {
                    // failure_show_msg and similar: text meant for the client
                    request.passdbFields().put("reason", clientReason);
                }
            }
            switch (action) {
                case RETURN -> {
                    if (result.status() == PassDbResult.Status.OK) {
                        return new Outcome(PassDbResult.Status.OK, null, lastDriver, credentials, okStep);
                    }
                    return failure(success, internalFailure, result.status(), result.reason(), lastDriver);
                }
                case RETURN_OK -> {
                    return new Outcome(PassDbResult.Status.OK, null, lastDriver, credentials, okStep);
                }
                case RETURN_FAIL -> {
                    PassDbResult.Status st = result.status() == PassDbResult.Status.OK ? PassDbResult.Status.PASSWORD_MISMATCH : result.status();
                    return new Outcome(st, result.reason(), lastDriver, null);
                }
                case CONTINUE -> {
                    if (result.status() == PassDbResult.Status.OK) {
                        request.setAuthenticated(true);
                    }
                }
                case CONTINUE_OK -> {
                    success = true;
                    request.setAuthenticated(true);
                }
                case CONTINUE_FAIL -> success = false;
            }
        }
        if (!any) {
            return new Outcome(PassDbResult.Status.USER_UNKNOWN, "no passdb", lastDriver, null);
        }
        if (success) {
            return new Outcome(PassDbResult.Status.OK, null, lastDriver, credentials, okStep);
        }
        return failure(false, internalFailure, lastFailure, lastReason, lastDriver);
    }

    /** passdb { mechanisms = … username_filter = … } */
    private static boolean appliesTo(PassDbSettings set, AuthRequest request) {
        if (!set.mechanisms().isEmpty()) {
            String mech = request.mechanism().isEmpty() ? "NONE" : request.mechanism();
            if (!set.mechanisms().contains(mech)) {
                return false;
            }
        }
        return set.matchesUsername(request.user());
    }

    private static Outcome failure(boolean success, boolean internalFailure, PassDbResult.Status status, String reason, String driver) {
        if (success) {
            return new Outcome(PassDbResult.Status.OK, null, driver, null);
        }
        if (internalFailure) {
            return new Outcome(PassDbResult.Status.INTERNAL_FAILURE, reason, driver, null);
        }
        return new Outcome(status, reason, driver, null);
    }

    private static PassDbResult runOne(Step step, AuthRequest request, String password) {
        try {
            if (step.settings().deny() || password == null || request.authenticated()) {
                PassDbResult r = step.db().lookupCredentials(request);
                if (r.status() == PassDbResult.Status.SCHEME_NOT_AVAILABLE && request.authenticated()) {
                    return PassDbResult.ok(Map.of());
                }
                return r;
            }
            return step.db().verifyPlain(request, password);
        } catch (RuntimeException e) {
            // A driver bug must not look like a wrong password, nor take the service down.
            LOG.error("{}: driver failed", request.logPrefix(step.db().driverName()), e);
            return PassDbResult.internalFailure("driver error: " + e.getClass().getSimpleName());
        }
    }

    private static void applyFields(AuthRequest request, PassDbSettings set, Map<String, String> driverFields) {
        Map<String, String> defaults = Fields.expand(Fields.parse(set.defaultFields()), request);
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            if (!driverFields.containsKey(e.getKey())) {
                request.addDriverFields(Map.of(e.getKey(), e.getValue()));
            }
        }
        request.addDriverFields(driverFields);
        request.addDriverFields(Fields.expand(Fields.parse(set.overrideFields()), request));
        String newUser = request.passdbFields().remove("user");
        if (newUser != null && !newUser.isEmpty()) {
            request.setUser(newUser);
        }
    }

    private void logResult(AuthRequest request, Step step, PassDbResult result) {
        switch (result.status()) {
            case OK -> {
                if (debug) {
                    LOG.info("{}: passdb lookup succeeded", request.logPrefix(step.db().driverName()));
                } else {
                    LOG.debug("{}: passdb lookup succeeded", request.logPrefix(step.db().driverName()));
                }
            }
            case INTERNAL_FAILURE -> LOG.error("{}: {}", request.logPrefix(step.db().driverName()), result.reason());
            case USER_UNKNOWN -> failureLog(step, "{}: unknown user", request.logPrefix(step.db().driverName()), null);
            default -> failureLog(step, "{}: {}", request.logPrefix(step.db().driverName()),
                    result.reason() == null ? result.status().name() : result.reason());
        }
    }

    private void failureLog(Step step, String format, String prefix, String reason) {
        Boolean own = step.settings().verbose();
        if (own != null ? own : verbose || debug) {
            LOG.info(format, prefix, reason);
        } else {
            LOG.debug(format, prefix, reason);
        }
    }

    /** Whether any passdb of the chain is a master passdb. */
    public boolean hasMasterPassDbs() {
        return steps.stream().anyMatch(s -> s.settings().master());
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (Step s : steps) {
            try {
                s.db().close();
            } catch (RuntimeException e) {
                errors.add(e);
            } catch (Exception e) {
                errors.add(new RuntimeException(e));
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
