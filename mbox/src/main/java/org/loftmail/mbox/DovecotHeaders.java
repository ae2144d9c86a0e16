package org.loftmail.mbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;

/**
 * The header fields through which Dovecot keeps IMAP state inside an mbox, hidden from clients as Dovecot hides
 * them: {@code X-IMAPbase: <uidvalidity> <last uid, 10 digits> [keywords]} on the first message (or
 * {@code X-IMAP:} on the hidden placeholder message of an emptied mailbox), {@code X-UID}, {@code Status}
 * ({@code R} seen, {@code O} not recent), {@code X-Status} ({@code A} answered, {@code F} flagged, {@code T} draft,
 * {@code D} deleted), {@code X-Keywords}, and {@code Content-Length}. They are stripped from every message Loft
 * saves, so what a sender writes there is never taken as state.
 */
final class DovecotHeaders {

    static final Set<String> HIDDEN = Set.of("x-imap", "x-imapbase", "x-uid", "status", "x-status", "x-keywords", "content-length");
    /** Dovecot pads X-Keywords so flag changes can later be written in place. */
    static final int KEYWORDS_PADDING = 50;

    private DovecotHeaders() {}

    /** The lower-case field name of a header line, or null for a continuation or malformed line. */
    static String fieldName(byte[] line, int length) {
        if (length == 0 || line[0] == ' ' || line[0] == '\t') return null;
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b == ':') return i == 0 ? null : new String(line, 0, i, StandardCharsets.ISO_8859_1).trim().toLowerCase(Locale.ROOT);
            if (b <= ' ' || b >= 127) {
                // "Name :" is tolerated; any other space or control means this is not a field
                int j = i;
                while (j < length && (line[j] == ' ' || line[j] == '\t')) j++;
                if (j < length && line[j] == ':') return new String(line, 0, i, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                return null;
            }
        }
        return null;
    }

    static boolean isHidden(String name) {
        return name != null && HIDDEN.contains(name);
    }

    /** The value of a field line (after the colon, trimmed). */
    static String value(byte[] line, int length) {
        String s = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        int colon = s.indexOf(':');
        return colon < 0 ? "" : s.substring(colon + 1).trim();
    }

    /** Flags from {@code Status} and {@code X-Status} and {@code X-Keywords}. */
    static Flags flags(String status, String xStatus, List<String> keywords) {
        EnumSet<SystemFlag> f = EnumSet.noneOf(SystemFlag.class);
        if (status != null && status.indexOf('R') >= 0) f.add(SystemFlag.SEEN);
        if (xStatus != null) {
            if (xStatus.indexOf('A') >= 0) f.add(SystemFlag.ANSWERED);
            if (xStatus.indexOf('F') >= 0) f.add(SystemFlag.FLAGGED);
            if (xStatus.indexOf('T') >= 0) f.add(SystemFlag.DRAFT);
            if (xStatus.indexOf('D') >= 0) f.add(SystemFlag.DELETED);
        }
        List<String> kws = new ArrayList<>();
        if (keywords != null) {
            for (String k : keywords) {
                try {
                    kws.add(Flags.validKeyword(k));
                } catch (RuntimeException e) {
                    // a keyword IMAP cannot carry is left out of the flags (it stays in the file)
                }
            }
        }
        return Flags.of(f, kws);
    }

    static List<String> words(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.trim().split("[ \t]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /**
     * The hidden block Loft writes at the end of a message's header, in Dovecot's order: X-IMAPbase (first
     * message only, {@code base} non-null), X-UID, Status, X-Status (when set), X-Keywords (padded), Content-Length.
     */
    static String block(String base, long uid, Flags flags, boolean recent, long contentLength) {
        StringBuilder b = new StringBuilder(160);
        if (base != null) b.append("X-IMAPbase: ").append(base).append('\n');
        b.append("X-UID: ").append(uid).append('\n');
        b.append("Status: ");
        if (flags.contains(SystemFlag.SEEN)) b.append('R');
        if (!recent) b.append('O');
        b.append('\n');
        StringBuilder x = new StringBuilder();
        if (flags.contains(SystemFlag.ANSWERED)) x.append('A');
        if (flags.contains(SystemFlag.FLAGGED)) x.append('F');
        if (flags.contains(SystemFlag.DRAFT)) x.append('T');
        if (flags.contains(SystemFlag.DELETED)) x.append('D');
        if (!x.isEmpty()) b.append("X-Status: ").append(x).append('\n');
        b.append("X-Keywords:");
        for (String k : flags.keywords()) b.append(' ').append(k);
        b.append(" ".repeat(KEYWORDS_PADDING)).append('\n');
        b.append("Content-Length: ").append(contentLength).append('\n');
        return b.toString();
    }

    /**
     * The block for a flag change written in place: exactly {@code length} bytes, the X-Keywords padding taking up
     * the difference; empty when the new flags do not fit (the caller rewrites the file's tail instead).
     */
    static java.util.Optional<String> blockOfLength(String base, long uid, Flags flags, boolean recent, long contentLength, int length,
            boolean crlf) {
        String full = block(base, uid, flags, recent, contentLength);
        String bare = full.replace(" ".repeat(KEYWORDS_PADDING) + "\n", "\n");
        if (crlf) bare = bare.replace("\n", "\r\n");
        int room = length - bare.length();
        if (room < 0) return java.util.Optional.empty();
        String eol = crlf ? "\r\n" : "\n";
        int at = bare.indexOf("X-Keywords:");
        int lineEnd = bare.indexOf(eol, at);
        return java.util.Optional.of(bare.substring(0, lineEnd) + " ".repeat(room) + bare.substring(lineEnd));
    }

    /** The X-IMAPbase value: UIDVALIDITY, the last UID in 10 digits (rewritable in place), the keywords. */
    static String base(long uidValidity, long lastUid, Set<String> keywords) {
        StringBuilder b = new StringBuilder();
        b.append(uidValidity).append(' ').append(String.format(Locale.ROOT, "%010d", lastUid));
        for (String k : keywords) b.append(' ').append(k);
        return b.toString();
    }
}
