package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.FilterContext;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.EnvelopeAddress;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.sieve.run.SieveAction;

/**
 * Decides whether a vacation action replies (RFC 5230 section 4 and RFC 3834 section 2: never to {@code <>}, to
 * MAILER-DAEMON, postmaster, list owners and -request addresses or the recipient's own addresses; never to
 * Auto-Submitted, Precedence bulk/list/junk, X-Auto-Response-Suppress All/OOF or mailing-list mail; only when the
 * recipient is named in To/Cc/Bcc unless {@code sieve_vacation_dont_check_recipient}; once per sender and handle
 * per period, remembered on disk), and composes the reply, sent from {@code <>} as Pigeonhole does. Public so
 * that the test-scope run of Pigeonhole's suite exercises this same code.
 */
public final class VacationReply {

    private static final List<String> LIST_HEADERS = List.of("list-id", "list-owner", "list-subscribe", "list-post",
            "list-unsubscribe", "list-help", "list-archive");
    private static final List<String> RECIPIENT_HEADERS = List.of("to", "cc", "bcc", "resent-to", "resent-cc",
            "resent-bcc");

    /**
     * What the decision needs from a delivery: the envelope sender ({@code ""} for {@code <>}), the final and the
     * original recipient, the message's header fields, this host's name (for the reply's Message-ID) and when the
     * message arrived.
     */
    public record Input(String sender, String recipient, String originalRecipient, List<HeaderField> header,
            String hostname, Instant arrival) {
        public Input {
            header = List.copyOf(header);
        }
    }

    private VacationReply() {}

    static DeliveryAction.Send decide(SieveAction.Vacation v, FilterContext ctx,
            SieveDeliverySettings.Vacation settings, SeenRecords seen, String[] why) throws IOException {
        var r = ctx.recipient();
        return decide(v, new Input(ctx.envelope().sender(), r.address().address(), r.originalAddress(),
                ctx.message().header().fields(), ctx.envelope().hostname(), ctx.envelope().arrival()),
                List.of(r.address().withoutDetail()), settings, seen, why);
    }

    /**
     * The reply to send, or null with the reason in {@code why[0]}. {@code alsoMine} are further addresses of the
     * user (the recipient without its detail).
     */
    public static DeliveryAction.Send decide(SieveAction.Vacation v, Input in, List<String> alsoMine,
            SieveDeliverySettings.Vacation settings, SeenRecords seen, String[] why) throws IOException {
        String sender = in.sender();
        if (sender.isEmpty()) {
            why[0] = "discarded vacation reply to <>";
            return null;
        }
        String lowerSender = sender.toLowerCase(Locale.ROOT);
        String local = lowerSender.contains("@") ? lowerSender.substring(0, lowerSender.lastIndexOf('@'))
                : lowerSender;
        if (local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("listserv")
                || local.equals("majordomo") || local.startsWith("owner-") || local.endsWith("-request")) {
            why[0] = "discarding vacation response to mailing list recipient <" + sender + ">";
            return null;
        }
        List<String> mine = new ArrayList<>();
        mine.add(in.recipient().toLowerCase(Locale.ROOT));
        for (String a : alsoMine) mine.add(a.toLowerCase(Locale.ROOT));
        if (settings.useOriginalRecipient() && in.originalRecipient() != null) {
            mine.add(in.originalRecipient().toLowerCase(Locale.ROOT));
        }
        for (String a : v.addresses()) mine.add(bare(a));
        if (mine.contains(lowerSender)) {
            why[0] = "discarded vacation reply to own address <" + sender + ">";
            return null;
        }
        for (HeaderField f : in.header()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            String value = f.value().strip().toLowerCase(Locale.ROOT);
            if (name.equals("auto-submitted") && !value.equals("no")) {
                why[0] = "discarding vacation response to auto-submitted message from <" + sender + ">";
                return null;
            }
            if (name.equals("precedence") && (value.equals("bulk") || value.equals("list")
                    || value.equals("junk"))) {
                why[0] = "discarding vacation response to bulk message from <" + sender + ">";
                return null;
            }
            if (name.equals("x-auto-response-suppress")) {
                for (String item : value.split("[,\\s]+")) {
                    if (item.equals("all") || item.equals("oof")) {
                        why[0] = "discarding vacation response to message with X-Auto-Response-Suppress from <"
                                + sender + ">";
                        return null;
                    }
                }
            }
            if (LIST_HEADERS.contains(name)) {
                why[0] = "discarding vacation response to mailinglist message from <" + sender + ">";
                return null;
            }
        }
        if (!settings.dontCheckRecipient() && !addressed(in.header(), mine)) {
            why[0] = "discarding vacation response for implicitly delivered message; none of the recipient "
                    + "addresses are in the message header";
            return null;
        }
        long now = in.arrival().getEpochSecond();
        String id = "vacation\0" + v.handle() + "\0" + lowerSender;
        if (seen.seen(id, now)) {
            why[0] = "discarded duplicate vacation response to <" + sender + ">";
            return null;
        }
        String envelopeFrom = settings.sendFromRecipient() ? in.recipient() : "";
        // recorded once the reply went out: a relay that is down does not silence the user for a period
        return new DeliveryAction.Send(envelopeFrom, List.of(sender), compose(v, in),
                seen.recordLater(id, Math.max(v.periodSeconds(), 1), now));
    }

    private static boolean addressed(List<HeaderField> header, List<String> mine) {
        for (HeaderField f : header) {
            if (!RECIPIENT_HEADERS.contains(f.name().toLowerCase(Locale.ROOT))) continue;
            for (EnvelopeAddress a : AddressParser.parse(f.value())) {
                if (a.mailbox() == null || a.host() == null) continue;
                if (mine.contains((a.mailbox() + "@" + a.host()).toLowerCase(Locale.ROOT))) return true;
            }
        }
        return false;
    }

    private static String bare(String a) {
        String s = a.strip();
        if (s.contains("<") && s.endsWith(">")) s = s.substring(s.lastIndexOf('<') + 1, s.length() - 1);
        return s.toLowerCase(Locale.ROOT);
    }

    private static String first(List<HeaderField> header, String name) {
        for (HeaderField f : header) {
            if (f.is(name)) return f.value().strip();
        }
        return null;
    }

    static byte[] compose(SieveAction.Vacation v, Input in) {
        String from = v.from() != null ? v.from() : "<" + in.recipient() + ">";
        String original = first(in.header(), "Subject");
        String subject = v.subject() != null ? v.subject()
                : "Auto: " + (original == null ? "" : EncodedWords.decode(original).strip());
        String msgid = first(in.header(), "Message-ID");
        String references = first(in.header(), "References");
        StringBuilder b = new StringBuilder();
        b.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(in.hostname()).append(">\r\n");
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(in.arrival().atZone(
                ZoneId.systemDefault()))).append("\r\n");
        b.append("X-Sieve: Loft Sieve\r\n");
        b.append("From: ").append(oneLine(from)).append("\r\n");
        b.append("To: ").append(oneLine(replyTo(in))).append("\r\n");
        b.append("Subject: ").append(encodeIfNeeded(limit(oneLine(subject)))).append("\r\n");
        if (msgid != null) {
            b.append("In-Reply-To: ").append(oneLine(msgid)).append("\r\n");
            b.append("References: ").append(references == null ? "" : oneLine(references) + " ")
                    .append(oneLine(msgid)).append("\r\n");
        }
        b.append("Auto-Submitted: auto-replied (vacation)\r\n");
        b.append("Precedence: bulk\r\n");
        b.append("MIME-Version: 1.0\r\n");
        if (!v.mime()) {
            b.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        }
        b.append(v.reason().replace("\r\n", "\n").replace("\n", "\r\n"));
        if (!v.reason().endsWith("\n")) b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pigeonhole's sieve_vacation_max_subject_codepoints default. */
    static final int MAX_SUBJECT_CODEPOINTS = 256;

    /** A subject longer than the limit is cut and ends in an ellipsis. */
    static String limit(String subject) {
        if (subject.codePointCount(0, subject.length()) <= MAX_SUBJECT_CODEPOINTS) return subject;
        int end = subject.offsetByCodePoints(0, MAX_SUBJECT_CODEPOINTS - 1);
        return subject.substring(0, end) + "\u2026";
    }

    /**
     * The reply's To: the Sender, From or Reply-To field whose address is the envelope sender, with its display
     * name, as Pigeonhole answers; else the bare envelope sender.
     */
    static String replyTo(Input in) {
        for (String name : List.of("Sender", "Resent-Sender", "From", "Resent-From", "Reply-To")) {
            for (HeaderField f : in.header()) {
                if (!f.is(name)) continue;
                for (EnvelopeAddress a : AddressParser.parse(f.value())) {
                    if (a.addrSpec() == null || !a.addrSpec().equalsIgnoreCase(in.sender())) continue;
                    String display = a.name() == null ? null : EncodedWords.decode(a.name()).strip();
                    if (display == null || display.isEmpty()) return "<" + in.sender() + ">";
                    return "\"" + display.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + in.sender() + ">";
                }
            }
        }
        return "<" + in.sender() + ">";
    }

    /** A subject with non-ASCII text as one RFC 2047 encoded word per 40 characters. */
    static String encodeIfNeeded(String s) {
        if (s.chars().allMatch(c -> c < 128)) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int end = Math.min(s.length(), i + 40);
            if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) end--;
            if (b.length() > 0) b.append("\r\n ");
            b.append("=?utf-8?b?").append(java.util.Base64.getEncoder().encodeToString(
                    s.substring(i, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
