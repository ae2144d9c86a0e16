package org.loftmail.smtp.codec;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP/LMTP reply (RFC 5321 section 4.2): a three-digit code, an enhanced status code (RFC 2034/3463, empty
 * for the greeting, 354 and LHLO's extension list) and one or more text lines.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    public SmtpReply {
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

    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(text));
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

    /** The reply with its text lines replaced by one line (a client's summary, a relay's per-recipient text). */
    public SmtpReply withText(String text) {
        return new SmtpReply(code, enhanced, List.of(text));
    }

    // ---- the fixed replies (texts as Dovecot 2.3 words them) ----

    public static final SmtpReply OK_MAIL = of(250, "2.1.0", "OK");
    public static final SmtpReply OK_RCPT = of(250, "2.1.5", "OK");
    public static final SmtpReply OK = of(250, "2.0.0", "OK");
    public static final SmtpReply START_DATA = of(354, "", "OK");
    public static final SmtpReply BYE = of(221, "2.0.0", "OK");
    public static final SmtpReply VRFY = of(252, "2.3.3", "Try RCPT instead");
    public static final SmtpReply START_TLS = of(220, "2.0.0", "Begin TLS negotiation now.");
    public static final SmtpReply UNKNOWN_COMMAND = of(500, "5.5.1", "Unknown command");
    public static final SmtpReply LINE_TOO_LONG = of(500, "5.5.2", "Line too long");
    public static final SmtpReply MAIL_FIRST = of(503, "5.5.1", "MAIL needed first");
    public static final SmtpReply NESTED_MAIL = of(503, "5.5.1", "MAIL already given");
    public static final SmtpReply NO_RECIPIENTS = of(554, "5.5.1", "No valid recipients");
    public static final SmtpReply BDAT_FAILED_BEFORE = of(503, "5.5.1", "Earlier BDAT failed; send RSET");
    public static final SmtpReply DATA_AFTER_BDAT = of(503, "5.5.1", "DATA cannot follow BDAT");
    public static final SmtpReply TLS_ACTIVE = of(503, "5.5.1", "TLS is already active");
    public static final SmtpReply TLS_UNAVAILABLE = of(502, "5.5.1", "TLS not available");
    public static final SmtpReply TOO_BIG = of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    public static final SmtpReply TOO_MANY_RECIPIENTS = of(452, "4.5.3", "Too many recipients");
    public static final SmtpReply SHUTTING_DOWN = of(421, "4.3.2", "Service shutting down");
    public static final SmtpReply TIMEOUT = of(421, "4.4.2", "Disconnected client for inactivity");
}
