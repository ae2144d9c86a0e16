package org.loftmail.imap.command;

import java.util.Locale;
import java.util.Optional;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.SequenceSet;

/**
 * SELECT/EXAMINE parameters (RFC 4466 select-params): {@code CONDSTORE} and {@code QRESYNC (uidvalidity modseq
 * [known-uids] [(known-sequence-set known-uid-set)])} (RFC 7162 sections 3.1.8 and 3.2.5). Error texts are
 * Dovecot's.
 */
record SelectParams(boolean condstore, Optional<Qresync> qresync) {

    static final SelectParams NONE = new SelectParams(false, Optional.empty());

    /** What a QRESYNC client says it knows: the mailbox as of {@code modSeq}. */
    record Qresync(long uidValidity, long modSeq, Optional<SequenceSet> knownUids, Optional<SequenceSet> knownSeqs,
            Optional<SequenceSet> knownSeqUids) {}

    /** Reads {@code [SP "(" param *(SP param) ")"]} after the mailbox name; {@code qresyncEnabled}: ENABLE QRESYNC was sent. */
    static SelectParams parse(ArgumentReader a, boolean qresyncEnabled) {
        if (a.atEnd()) return NONE;
        a.sp();
        a.expect('(');
        boolean condstore = false;
        Optional<Qresync> qresync = Optional.empty();
        boolean first = true;
        while (!a.skip(')')) {
            if (!first) a.sp();
            first = false;
            String name = a.atom().toUpperCase(Locale.ROOT);
            switch (name) {
                case "CONDSTORE" -> condstore = true;
                case "QRESYNC" -> {
                    if (!qresyncEnabled) throw new ImapSyntaxException("QRESYNC not enabled");
                    a.sp();
                    qresync = Optional.of(qresync(a));
                }
                default -> throw new ImapSyntaxException("Unknown SELECT parameter");
            }
        }
        a.end();
        return new SelectParams(condstore, qresync);
    }

    private static Qresync qresync(ArgumentReader a) {
        a.expect('(');
        long uidValidity = a.nzNumber();
        a.sp();
        long modSeq = a.number();
        Optional<SequenceSet> knownUids = Optional.empty();
        Optional<SequenceSet> knownSeqs = Optional.empty();
        Optional<SequenceSet> knownSeqUids = Optional.empty();
        if (a.skip(' ')) {
            if (a.peek() != '(') {
                knownUids = Optional.of(noStar(a, "Invalid QRESYNC known-uids"));
                if (a.skip(' ')) a.expect('(');
                else {
                    a.expect(')');
                    return new Qresync(uidValidity, modSeq, knownUids, knownSeqs, knownSeqUids);
                }
            } else {
                a.expect('(');
            }
            knownSeqs = Optional.of(noStar(a, "Invalid QRESYNC known-sequence-set"));
            a.sp();
            knownSeqUids = Optional.of(noStar(a, "Invalid QRESYNC known-uid-set"));
            a.expect(')');
        }
        a.expect(')');
        return new Qresync(uidValidity, modSeq, knownUids, knownSeqs, knownSeqUids);
    }

    /** A sequence set without {@code *} or {@code $} (RFC 7162 known-uids and seq-match-data). */
    private static SequenceSet noStar(ArgumentReader a, String error) {
        SequenceSet s;
        try {
            s = a.sequenceSet();
        } catch (ImapSyntaxException e) {
            throw new ImapSyntaxException(error);
        }
        if (s.savedResult() || s.usesStar()) throw new ImapSyntaxException(error);
        return s;
    }
}
