package org.loftmail.smtp.server;

import org.loftmail.smtp.codec.InputLine;
import org.loftmail.transport.LinePauser;

/**
 * How the transport frames input for an SMTP dialect. Lines are split at LF only and keep their CR
 * ({@code ProtocolService.lfOnly()} true), because the end of DATA must be {@code <CRLF>.<CRLF>} and nothing
 * else; the session takes the CR off command lines itself. The line limit is one byte higher than the protocol's
 * so that the CR fits; the session checks the protocol's own limit.
 */
public final class SmtpFraming {

    private SmtpFraming() {}

    /** BDAT switches to raw bytes and STARTTLS to TLS: the decoder waits after those lines. */
    public static final LinePauser PAUSER =
            line -> LinePauser.startsWithWord(InputLine.withoutCr(line), "BDAT", "STARTTLS");

    /** The transport's line limit for a protocol limit of {@code maxLineLength} bytes without CRLF. */
    public static int transportLineLimit(int maxLineLength) {
        return maxLineLength + 1;
    }
}
