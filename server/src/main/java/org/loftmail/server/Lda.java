package org.loftmail.server;

import java.io.PrintStream;

/** {@code loft lda …}: local delivery for Postfix's pipe(8). */
final class Lda {

    private Lda() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("loft lda: not available in this build yet");
        return 75; // EX_TEMPFAIL: the MTA keeps the message and retries
    }
}
