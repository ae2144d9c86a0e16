package org.loftmail.core.mime;

import java.util.List;

/**
 * An IMAP ENVELOPE (RFC 3501 section 7.4.2) as byte strings; null is NIL. Address lists are null when the field is
 * missing. Built as Dovecot builds it: raw (undecoded) values; for a repeated field the last Date, Subject,
 * In-Reply-To and Message-ID, and all the addresses of repeated address fields; Sender and Reply-To defaulting to
 * From when absent. The subject keeps its folding line breaks (the writer turns white space runs into one space).
 */
public record Envelope(String date, String subject, List<EnvelopeAddress> from, List<EnvelopeAddress> sender,
                       List<EnvelopeAddress> replyTo, List<EnvelopeAddress> to, List<EnvelopeAddress> cc,
                       List<EnvelopeAddress> bcc, String inReplyTo, String messageId) {

    public static final Envelope EMPTY = new Envelope(null, null, null, null, null, null, null, null, null, null);

    public Envelope {
        from = copy(from);
        sender = copy(sender);
        replyTo = copy(replyTo);
        to = copy(to);
        cc = copy(cc);
        bcc = copy(bcc);
    }

    private static List<EnvelopeAddress> copy(List<EnvelopeAddress> list) {
        return list == null ? null : List.copyOf(list);
    }

    public static Envelope of(MimeHeader header) {
        String date = null;
        String subject = null;
        String inReplyTo = null;
        String messageId = null;
        List<EnvelopeAddress> from = null;
        List<EnvelopeAddress> sender = null;
        List<EnvelopeAddress> replyTo = null;
        List<EnvelopeAddress> to = null;
        List<EnvelopeAddress> cc = null;
        List<EnvelopeAddress> bcc = null;
        for (HeaderField f : header.fields()) {
            String n = f.name();
            switch (n.length()) {
                case 2 -> {
                    if (f.is("To")) {
                        to = addresses(to, f);
                    } else if (f.is("Cc")) {
                        cc = addresses(cc, f);
                    }
                }
                case 3 -> {
                    if (f.is("Bcc")) {
                        bcc = addresses(bcc, f);
                    }
                }
                case 4 -> {
                    if (f.is("Date")) {
                        date = f.value();
                    } else if (f.is("From")) {
                        from = addresses(from, f);
                    }
                }
                case 6 -> {
                    if (f.is("Sender")) {
                        sender = addresses(sender, f);
                    }
                }
                case 7 -> {
                    if (f.is("Subject")) {
                        subject = f.rawValue(); // with its line breaks: the writer folds white space as Dovecot does
                    }
                }
                case 8 -> {
                    if (f.is("Reply-To")) {
                        replyTo = addresses(replyTo, f);
                    }
                }
                case 10 -> {
                    if (f.is("Message-ID")) {
                        messageId = f.value();
                    }
                }
                case 11 -> {
                    if (f.is("In-Reply-To")) {
                        inReplyTo = f.value();
                    }
                }
                default -> { }
            }
        }
        return new Envelope(date, subject, from, sender == null ? from : sender, replyTo == null ? from : replyTo,
                to, cc, bcc, inReplyTo, messageId);
    }

    /** Dovecot joins the addresses of repeated address fields. */
    private static List<EnvelopeAddress> addresses(List<EnvelopeAddress> before, HeaderField f) {
        List<EnvelopeAddress> list = AddressParser.parse(f.value());
        if (before == null) {
            return list.isEmpty() ? null : list;
        }
        List<EnvelopeAddress> joined = new java.util.ArrayList<>(before);
        joined.addAll(list);
        return joined;
    }
}
