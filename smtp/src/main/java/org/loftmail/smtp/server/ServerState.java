package org.loftmail.smtp.server;

/** Where an SMTP or LMTP server connection is (RFC 5321 section 4.1.4, RFC 2033 section 4, RFC 3030). */
public enum ServerState {
    /** Greeted; EHLO/LHLO not yet given (again after STARTTLS). */
    GREETED,
    /** EHLO/LHLO given; no transaction. */
    READY,
    /** MAIL given; RCPTs may follow. */
    TRANSACTION,
    /** Between DATA's 354 and the final dot. */
    DATA,
    /** Inside a BDAT transaction (a non-LAST chunk was taken). */
    CHUNKING
}
