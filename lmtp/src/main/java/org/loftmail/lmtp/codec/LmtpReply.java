package org.loftmail.lmtp.codec;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP/LMTP reply (RFC 5321 section 4.2): a three-digit code, an enhanced status code (RFC 2034/3463, empty
 * for the greeting, 354 and LHLO's extension list) and one or more text lines.
 */
public record LmtpReply(int code, String enhanced, List<String> lines) {

    public LmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(enhanced, "enhanced");
        if (!enhanced.isEmpty() && !enhanced.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("not an enhanced status code: " + enhanced);
        }
        if (!enhanced.isEmpty() && enhanced.charAt(0) - '0' != code / 100) {
            throw new IllegalArgumentException("enhanced code " + enhanced + " does not match " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static LmtpReply of(int code, String enhanced, String text) {
        return new LmtpReply(code, enhanced, List.of(text));
    }

    public boolean positive() {
        return code < 400;
    }

    public boolean temporary() {
        return code >= 400 && code < 500;
    }

    /** The reply as one line of text (for logs). */
    public String summary() {
        return code + (enhanced.isEmpty() ? "" : " " + enhanced) + " " + String.join(" / ", lines);
    }

    // ---- the fixed replies (texts as Dovecot 2.3 words them) ----

    public static final LmtpReply OK_MAIL = of(250, "2.1.0", "OK");
    public static final LmtpReply OK_RCPT = of(250, "2.1.5", "OK");
    public static final LmtpReply OK = of(250, "2.0.0", "OK");
    public static final LmtpReply START_DATA = of(354, "", "OK");
    public static final LmtpReply BYE = of(221, "2.0.0", "OK");
    public static final LmtpReply VRFY = of(252, "2.3.3", "Try RCPT instead");
    public static final LmtpReply START_TLS = of(220, "2.0.0", "Begin TLS negotiation now.");
    public static final LmtpReply UNKNOWN_COMMAND = of(500, "5.5.1", "Unknown command");
    public static final LmtpReply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
    public static final LmtpReply LHLO_FIRST = of(503, "5.5.1", "Invalid command: Send LHLO first");
    public static final LmtpReply MAIL_FIRST = of(503, "5.5.1", "MAIL needed first");
    public static final LmtpReply NESTED_MAIL = of(503, "5.5.1", "MAIL already given");
    public static final LmtpReply NO_RECIPIENTS = of(554, "5.5.1", "No valid recipients");
    public static final LmtpReply BDAT_FAILED_BEFORE = of(503, "5.5.1", "Earlier BDAT failed; send RSET");
    public static final LmtpReply DATA_AFTER_BDAT = of(503, "5.5.1", "DATA cannot follow BDAT");
    public static final LmtpReply TLS_ACTIVE = of(503, "5.5.1", "TLS is already active");
    public static final LmtpReply TLS_UNAVAILABLE = of(502, "5.5.1", "TLS not available");
    public static final LmtpReply TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    public static final LmtpReply TOO_MANY_RECIPIENTS = of(452, "4.5.3", "Too many recipients");
    public static final LmtpReply SHUTTING_DOWN = of(421, "4.3.2", "Service shutting down");
    public static final LmtpReply TIMEOUT = of(421, "4.4.2", "Disconnected client for inactivity");
}
