package org.loftmail.submission.command;

import org.loftmail.smtp.codec.SmtpReply;

/** Replies only submission gives, worded as Dovecot's submission and submission-login word them. */
public final class SubmissionReplies {

    private SubmissionReplies() {}

    public static final SmtpReply EHLO_FIRST = SmtpReply.of(503, "5.5.1", "Invalid command: Send HELO/EHLO first");
    public static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required.");
    public static final SmtpReply TLS_FIRST = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    public static final SmtpReply LOGGED_IN = SmtpReply.of(235, "2.7.0", "Logged in.");
    public static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication failed");
    public static final SmtpReply AUTH_TEMPFAIL = SmtpReply.of(454, "4.7.0", "Temporary authentication failure.");
    public static final SmtpReply PLAINTEXT_DISALLOWED = SmtpReply.of(538, "5.7.11",
            "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
    public static final SmtpReply AUTH_ABORTED = SmtpReply.of(501, "5.5.2", "Authentication aborted by client");
    public static final SmtpReply BAD_BASE64 = SmtpReply.of(501, "5.5.2", "Invalid base64 data");
    public static final SmtpReply UNSUPPORTED_MECHANISM =
            SmtpReply.of(504, "5.5.4", "Unsupported authentication mechanism.");
    public static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.of(503, "5.5.1", "Already authenticated");
    public static final SmtpReply AUTH_IN_TRANSACTION =
            SmtpReply.of(503, "5.5.1", "Authentication is not allowed during a mail transaction");
    public static final SmtpReply STARTTLS_AFTER_AUTH =
            SmtpReply.of(503, "5.5.1", "STARTTLS is not allowed after authentication");
    public static final SmtpReply NOT_YOUR_ADDRESS =
            SmtpReply.of(553, "5.7.1", "Sender address rejected: not owned by the authenticated user");
    public static final SmtpReply TOO_MANY_BAD_COMMANDS = SmtpReply.of(421, "4.7.0", "Too many invalid commands.");
    public static final SmtpReply USERIP_LIMIT = SmtpReply.of(421, "4.7.0",
            "Maximum number of connections from user+IP exceeded (mail_max_userip_connections)");
}
