package org.loftmail.auth.sasl;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ANONYMOUS (RFC 4505): anyone may log in as {@code auth_anonymous_username}; the client's
 * optional trace information (an email address or token, at most 255 characters) is only logged.
 */
public final class AnonymousMechanism implements SaslMechanism {
    public static final String NAME = "ANONYMOUS";
    private static final Logger LOG = LoggerFactory.getLogger(AnonymousMechanism.class);
    private static final int MAX_TRACE_CHARS = 255;

    private final String anonymousUser;

    public AnonymousMechanism(String anonymousUser) {
        Objects.requireNonNull(anonymousUser, "anonymousUser");
        if (anonymousUser.isBlank()) {
            throw new IllegalArgumentException("auth_anonymous_username must not be empty when ANONYMOUS is enabled");
        }
        this.anonymousUser = anonymousUser;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MechanismFlag> flags() {
        return EnumSet.of(MechanismFlag.ANONYMOUS);
    }

    @Override
    public SaslExchange newExchange(SaslRequestContext context, SaslPassdb passdb) {
        return new GuardedExchange(NAME, new Dialog(context));
    }

    private final class Dialog implements MechanismDialog {
        private final SaslRequestContext context;

        Dialog(SaslRequestContext context) {
            this.context = context;
        }

        @Override
        public SaslStep begin(Optional<byte[]> initialResponse) {
            return initialResponse.map(this::receive).orElseGet(() -> new SaslStep.Challenge(new byte[0]));
        }

        @Override
        public SaslStep receive(byte[] trace) {
            Optional<String> text = SaslText.identity(trace);
            if (text.isEmpty() || text.get().codePointCount(0, text.get().length()) > MAX_TRACE_CHARS) {
                return SaslStep.Failure.malformed("ANONYMOUS: trace is not UTF-8, holds control characters or is too long");
            }
            LOG.info("anonymous login: service={} trace=<{}>", context.service(), text.get());
            return new SaslStep.Success(anonymousUser, Optional.empty(), Map.of(), Optional.empty());
        }
    }
}
