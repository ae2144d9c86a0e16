package org.loftmail.sieve.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.FilterContext;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EnvelopeAddress;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.sieve.run.SieveAction;

/**
 * Decides whether a vacation action replies (RFC 5230 section 4 and RFC 3834 section 2: never to {@code <>}, to
 * MAILER-DAEMON, postmaster, list owners and -request addresses or the recipient's own address; never to
 * Auto-Submitted, Precedence bulk/list/junk or mailing-list mail; only when the recipient is named in To/Cc/Bcc
 * unless {@code sieve_vacation_dont_check_recipient}; once per sender and handle per period, remembered on disk),
 * and composes the reply, sent from {@code <>} as Pigeonhole does.
 */
final class VacationReply {

    private static final List<String> LIST_HEADERS = List.of("list-id", "list-owner", "list-subscribe", "list-post",
            "list-unsubscribe", "list-help", "list-archive");
    private static final List<String> RECIPIENT_HEADERS = List.of("to", "cc", "bcc", "resent-to", "resent-cc",
            "resent-bcc");

    private VacationReply() {}

    /** The reply to send, or null with the reason logged by the caller in {@code why[0]}. */
    static DeliveryAction.Send decide(SieveAction.Vacation v, FilterContext ctx,
            SieveDeliverySettings.Vacation settings,
            SeenRecords seen, String[] why) throws IOException {
        String sender = ctx.envelope().sender();
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
        mine.add(ctx.recipient().address().address().toLowerCase(Locale.ROOT));
        mine.add(ctx.recipient().address().withoutDetail().toLowerCase(Locale.ROOT));
        if (settings.useOriginalRecipient()) mine.add(ctx.recipient().originalAddress().toLowerCase(Locale.ROOT));
        for (String a : v.addresses()) mine.add(bare(a));
        if (mine.contains(lowerSender)) {
            why[0] = "discarded vacation reply to own address <" + sender + ">";
            return null;
        }
        MimeHeader header = ctx.message().header();
        for (HeaderField f : header.fields()) {
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
            if (LIST_HEADERS.contains(name)) {
                why[0] = "discarding vacation response to mailinglist message from <" + sender + ">";
                return null;
            }
        }
        if (!settings.dontCheckRecipient() && !addressed(header, mine)) {
            why[0] = "discarding vacation response for implicitly delivered message; none of the recipient "
                    + "addresses are in the message header";
            return null;
        }
        long now = ctx.envelope().arrival().getEpochSecond();
        if (seen.checkAndRecord("vacation\0" + v.handle() + "\0" + lowerSender, Math.max(v.periodSeconds(), 1),
                now)) {
            why[0] = "discarded duplicate vacation response to <" + sender + ">";
            return null;
        }
        String envelopeFrom = settings.sendFromRecipient() ? ctx.recipient().address().address() : "";
        return new DeliveryAction.Send(envelopeFrom, List.of(sender), compose(v, ctx));
    }

    private static boolean addressed(MimeHeader header, List<String> mine) {
        for (HeaderField f : header.fields()) {
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

    static byte[] compose(SieveAction.Vacation v, FilterContext ctx) {
        String from = v.from() != null ? v.from() : ctx.recipient().address().address();
        String subject = v.subject() != null ? v.subject() : "Auto: " + ctx.message().subject();
        String msgid = ctx.message().messageId();
        StringBuilder b = new StringBuilder();
        b.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(ctx.envelope().hostname())
                .append(">\r\n");
        b.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append("\r\n");
        b.append("X-Sieve: Loft Sieve\r\n");
        b.append("From: ").append(oneLine(from)).append("\r\n");
        b.append("To: <").append(oneLine(ctx.envelope().sender())).append(">\r\n");
        b.append("Subject: ").append(oneLine(subject)).append("\r\n");
        if (!msgid.isEmpty()) {
            b.append("In-Reply-To: ").append(oneLine(msgid)).append("\r\n");
            b.append("References: ").append(oneLine(msgid)).append("\r\n");
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

    static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
