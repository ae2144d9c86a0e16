package org.loftmail.auth.sasl;

import java.util.Optional;

/** Turns the passdb chain's answers into SASL steps. */
final class PassdbAnswers {
    private PassdbAnswers() {}

    static SaslStep toStep(VerifyResult result, SaslLogin login) {
        return switch (result) {
            case Authenticated ok -> new SaslStep.Success(ok.user(), login.authzid(), ok.fields(), Optional.empty());
            case Rejected rejected -> failure(rejected, login);
            case Unavailable unavailable -> temporary(unavailable, login);
        };
    }

    static SaslStep.Failure failure(Rejected rejected, SaslLogin login) {
        FailureKind kind = switch (rejected.reason()) {
            case PASSWORD_MISMATCH, UNKNOWN_USER, SCHEME_UNAVAILABLE -> FailureKind.CREDENTIALS;
            case USER_DISABLED -> FailureKind.USER_DISABLED;
            case PASSWORD_EXPIRED -> FailureKind.PASSWORD_EXPIRED;
            case NOT_AUTHORIZED -> FailureKind.NOT_AUTHORIZED;
        };
        return new SaslStep.Failure(kind, rejected.clientMessage(),
                login.mechanism() + ": " + rejected.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    static SaslStep.Failure temporary(Unavailable unavailable, SaslLogin login) {
        return new SaslStep.Failure(FailureKind.TEMPORARY, Optional.empty(),
                login.mechanism() + ": passdb unavailable: " + unavailable.detail());
    }

    static SaslStep.Failure credentials(String detail) {
        return new SaslStep.Failure(FailureKind.CREDENTIALS, Optional.empty(), detail);
    }
}
