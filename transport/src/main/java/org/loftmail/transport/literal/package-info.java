/**
 * The IMAP-style string and literal syntax that IMAP and ManageSieve share (RFC 3501 section 4.3, RFC 7888
 * LITERAL+, RFC 3516 literal8, RFC 5804 section 4): quoted strings, literal announcements at the end of a line,
 * and {@link org.loftmail.transport.literal.LiteralAssembler}, which puts commands together from lines and
 * literals with the limits, the refusals and the streamed literals a protocol asks for. Nothing here knows a
 * protocol's commands, texts or states, and nothing uses Netty (ADR 0504).
 */
package org.loftmail.transport.literal;
