package org.loftmail.pop3.login;

import org.loftmail.pop3.Pop3Command;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.Pop3State;
import org.loftmail.pop3.codec.Pop3Writer;

/**
 * CAPA (RFC 2449 section 5) in Dovecot's order. Before login STLS is listed while TLS is possible and not yet
 * on, USER only where plaintext authentication is allowed, and SASL with the mechanisms usable on this
 * connection (none that send the password in the clear before TLS under disable_plaintext_auth).
 */
public final class CapaCommand implements Pop3Command {
    @Override
    public boolean execute(Pop3Context ctx, String args) {
        Pop3Writer out = ctx.writer();
        out.ok("");
        out.dataLine("CAPA");
        out.dataLine("TOP");
        out.dataLine("UIDL");
        out.dataLine("RESP-CODES");
        out.dataLine("PIPELINING");
        out.dataLine("AUTH-RESP-CODE");
        if (ctx.state() == Pop3State.AUTHORIZATION) {
            if (ctx.connection().canStartTls() && !ctx.connection().isSecure()) {
                out.dataLine("STLS");
            }
            if (LoginPolicy.plaintextAllowed(ctx)) {
                out.dataLine("USER");
            }
            StringBuilder sasl = new StringBuilder("SASL");
            for (String mechanism : LoginPolicy.usableMechanisms(ctx)) {
                sasl.append(' ').append(mechanism);
            }
            out.dataLine(sasl.toString());
        }
        out.dataLine("IMPLEMENTATION Loft");
        out.endMultiline();
        return true;
    }
}
