package org.loftmail.admin.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loftmail.admin.mail.search.MessageSearch;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.MessageRecord;

/** One of doveadm fetch's fields and how it is read from a view. */
final class FetchField {

    static final Set<String> NAMES = Set.of("uid", "seq", "flags", "guid", "mailbox", "mailbox-guid", "size.physical",
            "size.virtual", "date.received", "date.sent", "hdr", "body", "text", "pop3.uidl", "imap.envelope",
            "imap.bodystructure", "imap.body");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private FetchField() {}

    static String problem(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        if (NAMES.contains(f) || (f.startsWith("hdr.") && f.length() > 4)) {
            return null;
        }
        return switch (f) {
            case "date.saved", "body.snippet", "text.utf8", "size.rfc822", "pop3.order", "refcount", "storageid", "binary" ->
                    "fetch field " + field + " is not supported by Loft yet";
            default -> "Unknown fetch field: " + field;
        };
    }

    static String value(String field, MessageSearch.Match m, long uid) throws IOException {
        String f = field.toLowerCase(Locale.ROOT);
        int seq = m.view().seq(uid);
        MessageRecord r = m.view().record(seq);
        return switch (f) {
            case "uid" -> Long.toString(uid);
            case "seq" -> Integer.toString(seq);
            case "flags" -> flags(r, m.view().isRecent(uid));
            case "guid" -> r.guid();
            case "mailbox" -> m.shownName();
            case "mailbox-guid" -> m.mailboxGuid();
            case "size.physical" -> Long.toString(r.physicalSize());
            case "size.virtual" -> Long.toString(r.virtualSize());
            case "date.received" -> DATE.format(r.internalDate().atZone(ZoneId.systemDefault()));
            case "text" -> text(m, uid);
            case "date.sent" -> dateSent(m.view().structure(uid).envelope().date());
            case "pop3.uidl" -> m.view().savedPop3Uidls(org.loftmail.core.mail.UidSet.of(uid)).getOrDefault(uid, "");
            case "imap.envelope" -> unparenthesized(org.loftmail.core.mime.ImapWriter.envelope(
                    m.view().structure(uid).envelope()));
            case "imap.bodystructure", "imap.body" -> unparenthesized(org.loftmail.core.mime.ImapWriter.bodyStructure(
                    m.view().structure(uid).root(), f.equals("imap.bodystructure")));
            case "hdr" -> headerBlock(text(m, uid));
            case "body" -> {
                String t = text(m, uid);
                yield t.substring(headerBlock(t).length());
            }
            default -> headerValue(headerBlock(text(m, uid)), f.substring(4));
        };
    }

    /** An IMAP list as doveadm prints it: without the outer parentheses. */
    private static String unparenthesized(byte[] imap) {
        String s = new String(imap, StandardCharsets.UTF_8);
        return s.startsWith("(") && s.endsWith(")") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * The Date header as doveadm prints it: the moment in this machine's zone, then the header's own offset
     * ({@code 2026-12-07 08:00:00 (+0200)}); without a Date that parses, the UNIX epoch, as doveadm prints it.
     */
    static String dateSent(String header) {
        String none = DATE.format(java.time.Instant.EPOCH.atZone(ZoneId.systemDefault())) + " (+0000)";
        if (header == null) {
            return none;
        }
        try {
            java.time.ZonedDateTime t = java.time.ZonedDateTime.parse(header.strip().replaceAll("\\s+", " ")
                    .replaceAll(" \\([^)]*\\)$", ""), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            return DATE.format(t.withZoneSameInstant(ZoneId.systemDefault())) + " ("
                    + java.time.format.DateTimeFormatter.ofPattern("xx").format(t) + ")";
        } catch (java.time.format.DateTimeParseException e) {
            return none;
        }
    }

    /** Dovecot's order: \Answered \Flagged \Deleted \Seen \Draft \Recent, then keywords. */
    static String flags(MessageRecord r, boolean recent) {
        List<String> out = new ArrayList<>();
        for (SystemFlag f : List.of(SystemFlag.ANSWERED, SystemFlag.FLAGGED, SystemFlag.DELETED, SystemFlag.SEEN,
                SystemFlag.DRAFT)) {
            if (r.flags().contains(f)) {
                out.add(f.imapName());
            }
        }
        if (recent) {
            out.add("\\Recent");
        }
        out.addAll(r.flags().keywords());
        return String.join(" ", out);
    }

    private static String text(MessageSearch.Match m, long uid) throws IOException {
        try (InputStream in = m.view().openPhysical(uid)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The header block with the empty line that ends it. */
    private static String headerBlock(String text) {
        int lf = text.indexOf("\n\n");
        int crlf = text.indexOf("\r\n\r\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return text.substring(0, crlf + 4);
        }
        return lf < 0 ? text : text.substring(0, lf + 2);
    }

    /** The field's values, unfolded, one per line, as doveadm prints hdr.NAME. */
    private static String headerValue(String block, String name) {
        List<String> values = new ArrayList<>();
        String[] lines = block.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                StringBuilder v = new StringBuilder(line.substring(colon + 1));
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                        && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                    v.append(lines[++i]);
                }
                values.add(v.toString().strip());
            }
        }
        return String.join("\n", values);
    }
}
