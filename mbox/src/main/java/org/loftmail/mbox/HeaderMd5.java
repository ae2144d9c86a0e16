package org.loftmail.mbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 that Dovecot computes over an mbox message's header ({@code mbox_md5 = apop3d}, the default): the
 * values of Date and Message-ID (only before the first Received field, which carries a more trusted date and id),
 * of the first Received field (every line of it), and of every Delivered-To and X-Delivery-ID. Values start after
 * the colon and the blanks that follow it; continuation lines count whole; line ends never. Dovecot uses it as
 * the message's GUID on mbox and as POP3's {@code %m}, so a mailbox Dovecot served keeps its POP3 UIDLs.
 */
final class HeaderMd5 {

    private enum Rule { NONE, BEFORE_RECEIVED, RECEIVED, ALWAYS }

    private final MessageDigest md5;
    private boolean seenReceived;
    private boolean inFirstReceived;
    private Rule current = Rule.NONE;

    HeaderMd5() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * One header line without its line end; {@code name} is its lower-case field name, or null for a continuation.
     */
    void line(String name, byte[] line, int length) {
        if (name != null) {
            if (inFirstReceived) {
                inFirstReceived = false;
                seenReceived = true;
            }
            current = switch (name) {
                case "date", "message-id" -> Rule.BEFORE_RECEIVED;
                case "received" -> seenReceived ? Rule.NONE : Rule.RECEIVED;
                case "delivered-to", "x-delivery-id" -> Rule.ALWAYS;
                default -> Rule.NONE;
            };
            if (current == Rule.RECEIVED) inFirstReceived = true;
            if (!hashes()) return;
            int i = 0;
            while (i < length && line[i] != ':') i++;
            i++;
            while (i < length && (line[i] == ' ' || line[i] == '\t')) i++;
            if (i < length) md5.update(line, i, length - i);
        } else if (hashes()) {
            md5.update(line, 0, length);
        }
    }

    private boolean hashes() {
        return switch (current) {
            case NONE -> false;
            case BEFORE_RECEIVED -> !seenReceived;
            case RECEIVED -> inFirstReceived;
            case ALWAYS -> true;
        };
    }

    String hex() {
        return HexFormat.of().formatHex(md5.digest());
    }
}
