package org.loftmail.smtp.client;

/** How the relay client protects its connection. */
public enum ClientSecurity {
    /** Plain SMTP; AUTH is refused unless the settings allow it in clear text. */
    NONE,
    /** RFC 3207: STARTTLS after EHLO; a server that does not offer it is an error, never a silent downgrade. */
    STARTTLS,
    /** RFC 8314: TLS from the first byte (port 465). */
    IMPLICIT_TLS
}
