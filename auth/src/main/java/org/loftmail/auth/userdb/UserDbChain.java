package org.loftmail.auth.userdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthRequest;
import org.loftmail.auth.Fields;
import org.loftmail.auth.UserDbSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userdbs in configuration order with Dovecot's rules: skip (found / notfound),
 * result_success / result_failure / result_internalfail, default_fields and override_fields.
 * Fields of several userdbs that all answer ("continue-ok") are merged, later ones winning.
 */
public final class UserDbChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    public record Step(UserDbSettings settings, UserDb db) {}

    private final List<Step> steps;
    private final boolean verbose;

    public UserDbChain(List<Step> steps) {
        this(steps, false);
    }

    /** @param verbose auth_verbose: log "unknown user" at info level */
    public UserDbChain(List<Step> steps, boolean verbose) {
        this(steps, verbose, false);
    }

    /** @param debug auth_debug: also log at info level what would be debug lines */
    public UserDbChain(List<Step> steps, boolean verbose, boolean debug) {
        this.steps = List.copyOf(steps);
        this.verbose = verbose || debug;
    }

    public List<Step> steps() {
        return steps;
    }

    public UserDbResult run(AuthRequest request) {
        boolean found = false;
        boolean internalFailure = false;
        String failureReason = null;
        Map<String, String> merged = new LinkedHashMap<>();
        for (Step step : steps) {
            UserDbSettings set = step.settings();
            if (set.skip() == UserDbSettings.Skip.FOUND && found
                    || set.skip() == UserDbSettings.Skip.NOTFOUND && !found) {
                continue;
            }
            UserDbResult result;
            try {
                result = step.db().lookup(request);
            } catch (RuntimeException e) {
                LOG.error("{}: userdb driver failed", request.logPrefix(step.db().driverName()), e);
                result = UserDbResult.internalFailure("driver error: " + e.getClass().getSimpleName());
            }
            org.loftmail.auth.ChainResultAction action;
            switch (result.status()) {
                case OK -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    Fields.expand(Fields.parse(set.defaultFields()), request).forEach(fields::put);
                    fields.putAll(result.fields());
                    request.userdbFields().putAll(fields);
                    Map<String, String> overrides = Fields.expand(Fields.parse(set.overrideFields()), request);
                    request.userdbFields().putAll(overrides);
                    fields.putAll(overrides);
                    merged.putAll(fields);
                    action = set.resultSuccess();
                }
                case INTERNAL_FAILURE -> {
                    LOG.error("{}: {}", request.logPrefix("userdb " + step.db().driverName()), result.reason());
                    internalFailure = true;
                    failureReason = result.reason();
                    action = set.resultInternalfail();
                }
                default -> {
                    Boolean own = set.verbose();
                    if (own != null ? own : verbose) {
                        LOG.info("{}: unknown user", request.logPrefix("userdb " + step.db().driverName()));
                    } else {
                        LOG.debug("{}: unknown user", request.logPrefix("userdb " + step.db().driverName()));
                    }
                    action = set.resultFailure();
                }
            }
            boolean ok = result.status() == UserDbResult.Status.OK;
            switch (action) {
                case RETURN -> {
                    return ok ? UserDbResult.ok(merged) : finish(false, internalFailure, failureReason, merged);
                }
                case RETURN_OK -> {
                    return UserDbResult.ok(merged);
                }
                case RETURN_FAIL -> {
                    return finish(false, internalFailure && !ok, failureReason, merged);
                }
                case CONTINUE -> found = found || ok;
                case CONTINUE_OK -> found = true;
                case CONTINUE_FAIL -> found = false;
            }
        }
        return finish(found, internalFailure, failureReason, merged);
    }

    private static UserDbResult finish(boolean found, boolean internalFailure, String reason, Map<String, String> fields) {
        if (found) {
            return UserDbResult.ok(fields);
        }
        if (internalFailure) {
            return UserDbResult.internalFailure(reason);
        }
        return UserDbResult.unknownUser();
    }

    /** Users of the first userdb that can iterate. */
    public List<String> iterateUsers() {
        for (Step s : steps) {
            try {
                return s.db().iterateUsers();
            } catch (UnsupportedOperationException e) {
                // try the next one
            }
        }
        throw new UnsupportedOperationException("no userdb supports user iteration");
    }

    @Override
    public void close() {
        for (Step s : steps) {
            try {
                s.db().close();
            } catch (Exception e) {
                LOG.warn("closing userdb {}: {}", s.db().driverName(), e.toString());
            }
        }
    }
}
