package org.loftmail.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic, realistic-looking mail: plain text, text+HTML alternatives, and attachments, with sizes from 1 KB
 * to 5 MB (most small, a few large), as a mailbox holds them. The same seed gives the same bytes on every machine.
 */
public final class MessageFactory {

    private static final String[] WORDS = ("meeting report invoice project budget review schedule travel update "
            + "release contract design server backup quarterly summary agenda notes proposal customer order "
            + "shipment payment reminder question answer draft final weekly status team office").split(" ");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final Random random;

    public MessageFactory(long seed) {
        this.random = new Random(seed);
    }

    /** A message from the realistic mix; {@code maxSize} caps the largest (attachments). */
    public byte[] next(long maxSize) {
        int kind = random.nextInt(100);
        if (kind < 70) {
            return plain(1024 + random.nextInt(9 * 1024), null);
        } else if (kind < 90) {
            return alternative(5 * 1024 + random.nextInt(45 * 1024));
        } else {
            long size = random.nextInt(100) < 90 ? 50_000 + random.nextInt(450_000) : 1_000_000 + random.nextInt(4_000_000);
            return attachment((int) Math.min(size, maxSize));
        }
    }

    /** A small plain-text message (1-4 KB), with the given subject or a generated one. */
    public byte[] small(String subject) {
        return plain(1024 + random.nextInt(3 * 1024), subject);
    }

    private String headers(String subject, String contentType) {
        int n = random.nextInt(1000);
        ZonedDateTime date = ZonedDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), 0, ZoneOffset.UTC);
        return "Return-Path: <sender" + n + "@example.org>\n"
                + "From: Sender " + n + " <sender" + n + "@example.org>\n"
                + "To: Recipient <user@example.com>\n"
                + "Subject: " + (subject != null ? subject : sentence(3 + random.nextInt(5))) + "\n"
                + "Date: " + DATE.format(date) + "\n"
                + "Message-ID: <" + Long.toHexString(random.nextLong()) + "@bench.example.org>\n"
                + "MIME-Version: 1.0\n"
                + contentType + "\n";
    }

    private byte[] plain(int size, String subject) {
        StringBuilder sb = new StringBuilder(headers(subject, "Content-Type: text/plain; charset=us-ascii"));
        sb.append('\n');
        appendText(sb, size - sb.length());
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] alternative(int size) {
        String boundary = "=_alt_" + Long.toHexString(random.nextLong());
        StringBuilder sb = new StringBuilder(headers(null,
                "Content-Type: multipart/alternative; boundary=\"" + boundary + "\""));
        sb.append("\nThis is a multi-part message in MIME format.\n\n--").append(boundary)
                .append("\nContent-Type: text/plain; charset=us-ascii\n\n");
        appendText(sb, size / 3);
        sb.append("\n--").append(boundary).append("\nContent-Type: text/html; charset=us-ascii\n\n<html><body><p>");
        appendText(sb, size - sb.length());
        sb.append("</p></body></html>\n--").append(boundary).append("--\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] attachment(int size) {
        String boundary = "=_mix_" + Long.toHexString(random.nextLong());
        StringBuilder sb = new StringBuilder(headers(null,
                "Content-Type: multipart/mixed; boundary=\"" + boundary + "\""));
        sb.append("\n--").append(boundary).append("\nContent-Type: text/plain; charset=us-ascii\n\n");
        appendText(sb, 800);
        sb.append("\n--").append(boundary).append("\nContent-Type: application/pdf; name=\"report.pdf\"\n")
                .append("Content-Disposition: attachment; filename=\"report.pdf\"\n")
                .append("Content-Transfer-Encoding: base64\n\n");
        byte[] binary = new byte[Math.max(1, (size - sb.length()) * 3 / 4)];
        random.nextBytes(binary);
        sb.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(binary));
        sb.append("\n--").append(boundary).append("--\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void appendText(StringBuilder sb, int bytes) {
        int lineLength = 0;
        int target = sb.length() + Math.max(16, bytes);
        while (sb.length() < target) {
            String w = WORDS[random.nextInt(WORDS.length)];
            sb.append(w);
            lineLength += w.length() + 1;
            if (lineLength > 68) {
                sb.append('\n');
                lineLength = 0;
            } else {
                sb.append(' ');
            }
        }
        sb.append('\n');
    }

    String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = WORDS[random.nextInt(WORDS.length)];
            sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(i + 1 < words ? " " : "");
        }
        return sb.toString();
    }

    /** The message as LMTP DATA: CRLF line ends and dot-stuffing. */
    static byte[] forSmtpData(byte[] message) {
        StringBuilder sb = new StringBuilder(message.length + message.length / 40);
        String text = new String(message, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(".")) {
                sb.append('.');
            }
            sb.append(line).append("\r\n");
        }
        if (text.endsWith("\n")) {
            sb.setLength(sb.length() - 2);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
