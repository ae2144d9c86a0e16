package org.loftmail.mbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an mbox into messages, streaming from a given offset. A message starts at a {@code From } line that
 * carries a date ({@link FromLine}); its header ends at the first empty line; its body ends before the LF that
 * precedes the next separator, or — when its {@code Content-Length} is consistent (the count ends exactly before
 * an LF and a separator, or at the end of the file) — after exactly that many bytes, so the unescaped
 * {@code From } lines Dovecot writes (mboxcl2) stay inside the body. {@code >From } lines (mboxo, mboxrd) are body
 * lines and are served as stored, as Dovecot serves them. Survives damage: a file not starting with
 * {@code From } (its first part becomes a message without envelope), a truncated last message, CR LF line ends.
 */
final class MboxScanner {

    private final FileChannel channel;
    private final long size;

    MboxScanner(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** Scans from {@code start} (a separator line, or the start of the file) to the end. */
    List<ScannedMessage> scan(long start) throws IOException {
        List<ScannedMessage> out = new ArrayList<>();
        LineReader r = new LineReader(channel, start, size);
        if (!r.next()) return out;
        boolean first = true;
        while (true) {
            ScannedMessage m = new ScannedMessage();
            m.from = r.start;
            Optional<FromLine> from = FromLine.parse(r.line, r.contentLength());
            if (from.isPresent()) {
                m.fromLine = from.get();
                if (!r.next()) {
                    m.header = m.body = m.end = m.next = r.position();
                    out.add(m);
                    return out;
                }
            } else if (!first) {
                throw new IllegalStateException("scanner lost the message boundary at " + r.start);
            }
            first = false;
            m.header = r.start;
            int state = header(r, m);
            boolean next = state == BODY ? body(r, m) : state == NEXT;
            out.add(m);
            if (!next) return out;
        }
    }

    /** The first message's header only (for its X-IMAPbase); null for an empty file. */
    ScannedMessage scanHeaderOnly(long start) throws IOException {
        LineReader r = new LineReader(channel, start, size);
        if (!r.next()) return null;
        ScannedMessage m = new ScannedMessage();
        m.from = r.start;
        Optional<FromLine> from = FromLine.parse(r.line, r.contentLength());
        if (from.isPresent()) {
            m.fromLine = from.get();
            if (!r.next()) return m;
        }
        m.header = r.start;
        header(r, m);
        return m;
    }

    private static final int END = 0;
    private static final int BODY = 1;
    private static final int NEXT = 2;

    /**
     * Reads the header lines, the current line being the first: {@link #BODY} when a body follows, {@link #END} at
     * the end of the file, {@link #NEXT} when a separator cut the header short (the reader is on it).
     */
    private int header(LineReader r, ScannedMessage m) throws IOException {
        boolean hidden = false;
        long served = 0;
        long bare = 0;
        HeaderMd5 md5 = new HeaderMd5();
        long runStart = -1; // where the run of hidden lines that reaches the empty line began
        boolean crlf = false;
        while (true) {
            if (r.isBlank()) {
                if (runStart >= 0 && r.endsWithCrLf == crlf) {
                    m.blockStart = runStart;
                    m.blockEnd = r.start;
                    m.blockCrLf = crlf;
                }
                m.headerMd5 = md5.hex();
                served += r.length;
                if (!r.endsWithCrLf) bare++;
                m.body = r.position();
                m.servedSize = served;
                m.virtualSize = bare;
                return BODY;
            }
            if (r.start > m.header && FromLine.isSeparator(r.line, r.contentLength())) {
                m.headerMd5 = md5.hex();
                m.body = m.end = m.next = r.start;
                m.servedSize = served;
                m.virtualSize = served + bare;
                return NEXT;
            }
            String name = DovecotHeaders.fieldName(r.line, r.contentLength());
            if (name != null) {
                hidden = DovecotHeaders.isHidden(name);
                if (hidden) hiddenField(name, r, m);
            }
            if (hidden && name != null && runStart < 0) {
                runStart = r.start;
                crlf = r.endsWithCrLf;
            } else if (!hidden || r.endsWithCrLf != crlf) {
                runStart = -1;
            }
            md5.line(name, r.line, r.contentLength());
            if (!hidden) {
                served += r.length;
                if (r.endsWithLf && !r.endsWithCrLf) bare++;
            }
            if (!r.next()) {
                // a header without body, cut off at the end of the file
                m.headerMd5 = md5.hex();
                m.body = m.end = m.next = size;
                m.servedSize = served;
                m.virtualSize = served + bare;
                return END;
            }
        }
    }

    private static void hiddenField(String name, LineReader r, ScannedMessage m) {
        String value = DovecotHeaders.value(r.line, r.contentLength());
        switch (name) {
            case "x-uid" -> m.uid = number(value);
            case "status" -> m.status = value;
            case "x-status" -> m.xStatus = value;
            case "x-keywords" -> m.keywords = DovecotHeaders.words(value);
            case "content-length" -> m.contentLength = number(value);
            case "x-imapbase", "x-imap" -> {
                List<String> w = DovecotHeaders.words(value);
                if (w.size() >= 2 && number(w.get(0)) > 0 && number(w.get(1)) >= 0) {
                    long digitsAt = -1;
                    if (w.get(1).length() == 10) {
                        String line = new String(r.line, 0, r.contentLength(), StandardCharsets.ISO_8859_1);
                        int colon = line.indexOf(':');
                        int at = line.indexOf(w.get(1), line.indexOf(w.get(0), colon) + w.get(0).length());
                        if (at > 0) digitsAt = r.start + at;
                    }
                    m.base = new ScannedMessage.Base(number(w.get(0)), number(w.get(1)), w.subList(2, w.size()), digitsAt);
                }
                if (name.equals("x-imap")) m.pseudo = true;
            }
            default -> {}
        }
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) return -1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        return Long.parseLong(s);
    }

    /** Reads the body; the reader is left on the next separator line. False at the end of the file. */
    private boolean body(LineReader r, ScannedMessage m) throws IOException {
        long bare = 0;
        if (m.contentLength >= 0 && contentLengthFits(m.body, m.contentLength)) {
            long stop = m.body + m.contentLength;
            r.seek(m.body);
            boolean lastBare = false;
            while (r.position() < Math.min(stop + 1, size) && r.next()) {
                lastBare = r.endsWithLf && !r.endsWithCrLf;
                if (lastBare) bare++;
            }
            if (stop < size) {
                if (lastBare) bare--; // the separator LF at `stop` is not part of the message
                m.end = stop;
            } else {
                m.end = size;
            }
            finish(m, bare);
            m.next = Math.min(stop + 1, size);
            if (m.next >= size) return false;
            return r.next();
        }
        boolean lastBare = false;
        boolean lastCrLf = false;
        while (r.next()) {
            if (FromLine.isSeparator(r.line, r.contentLength())) {
                m.end = Math.max(m.body, r.start - (lastCrLf ? 2 : 1));
                if (m.end > m.body - 0 && lastBare) bare--;
                m.next = r.start;
                finish(m, bare);
                return true;
            }
            lastBare = r.endsWithLf && !r.endsWithCrLf;
            lastCrLf = r.endsWithCrLf;
            if (lastBare) bare++;
        }
        // the last message: a final LF is the separator (a file cut inside the message loses nothing more)
        m.end = size;
        if (size > m.body && lastBare) {
            m.end = size - 1;
            bare--;
        } else if (size > m.body && lastCrLf) {
            m.end = size - 2;
        }
        m.next = size;
        finish(m, bare);
        return false;
    }

    private static void finish(ScannedMessage m, long bodyBare) {
        long bodyBytes = m.end - m.body;
        m.servedSize += bodyBytes;
        m.virtualSize = m.servedSize + m.virtualSize + bodyBare;
    }

    /** True when exactly {@code length} body bytes end at the end of the file or before an LF and a separator. */
    private boolean contentLengthFits(long body, long length) throws IOException {
        long stop = body + length;
        if (stop > size) return false;
        if (stop == size) return true;
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(FromLine.MAX_LENGTH + 2, size - stop));
        while (b.hasRemaining() && channel.read(b, stop + b.position()) > 0) {
            // fill
        }
        byte[] a = b.array();
        int n = b.position();
        if (n == 0 || a[0] != '\n') return false;
        if (n == 1) return true;
        int eol = 1;
        while (eol < n && a[eol] != '\n') eol++;
        int len = eol - 1;
        if (len > 0 && a[eol - 1] == '\r') len--;
        byte[] line = java.util.Arrays.copyOfRange(a, 1, 1 + len);
        return FromLine.isSeparator(line, line.length);
    }
}
