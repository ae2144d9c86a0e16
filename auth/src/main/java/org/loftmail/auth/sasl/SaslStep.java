package org.loftmail.auth.sasl;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mechanism answers to a client message: another challenge, success or failure. The
 * protocol (IMAP, POP3, SMTP, the auth socket) base64-encodes challenges and writes the answers.
 */
public sealed interface SaslStep {

    /** Whether the exchange is over. */
    default boolean isFinal() {
        return !(this instanceof Challenge);
    }

    /** Send {@code data} to the client and wait for its response. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge c && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /**
     * The client is authenticated.
     *
     * @param user the user the session belongs to (from the passdb)
     * @param authzid the authorization identity the client asked for, if any
     * @param fields extra passdb fields
     * @param additionalData data the server must still send with the success (SCRAM's
     *     server-final-message {@code v=...}); protocols without "additional data with success"
     *     send it as a last challenge and expect an empty response (RFC 4422 section 3.6)
     */
    record Success(String user, Optional<String> authzid, Map<String, String> fields, Optional<byte[]> additionalData)
            implements SaslStep {
        public Success {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(authzid, "authzid");
            fields = Map.copyOf(fields);
            additionalData = additionalData.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> additionalData() {
            return additionalData.map(byte[]::clone);
        }
    }

    /**
     * The exchange failed.
     *
     * @param kind why, in the categories protocols answer differently
     * @param clientMessage text to show the client instead of the protocol's generic failure text,
     *     only when a passdb supplied one ({@code reason=})
     * @param logDetail what happened, for the log (never contains a password)
     */
    record Failure(FailureKind kind, Optional<String> clientMessage, String logDetail) implements SaslStep {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(clientMessage, "clientMessage");
            Objects.requireNonNull(logDetail, "logDetail");
        }

        /** A temporary failure: the client may retry later, the password was not judged wrong. */
        public boolean temporary() {
            return kind == FailureKind.TEMPORARY;
        }

        static Failure malformed(String logDetail) {
            return new Failure(FailureKind.MALFORMED, Optional.empty(), logDetail);
        }
    }
}
