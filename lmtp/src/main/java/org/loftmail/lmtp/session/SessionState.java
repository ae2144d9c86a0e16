package org.loftmail.lmtp.session;

/** Where an LMTP session is (RFC 2033 section 4 / RFC 5321 section 4.1.4). */
public enum SessionState {
    /** Greeted; LHLO not yet given (again after STARTTLS). */
    GREETED,
    /** LHLO given; no transaction. */
    READY,
    /** MAIL given; RCPTs may follow. */
    TRANSACTION,
    /** Between DATA's 354 and the final dot. */
    DATA,
    /** Inside a BDAT transaction (a non-LAST chunk was taken). */
    CHUNKING
}
