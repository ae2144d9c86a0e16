package org.loftmail.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * IMAP SEARCH BODY and TEXT over a stored message, streaming (RFC 3501 section 6.4.4, RFC 9051 section 6.4.4):
 * BODY looks in the decoded text of the text/* and message/* parts (transfer encoding and charset undone, as
 * Dovecot does without full-text search, see {@link DecodeView}); TEXT also looks in every header field, with
 * encoded-words decoded.
 * Matching is {@link SubstringMatcher}'s case-insensitive comparison; a needle never spans two parts.
 */
public final class MessageSearch {
    private MessageSearch() {}

    /** Opens the raw bytes of a span of the stored message (at most {@code span.rawSize()} bytes). */
    @FunctionalInterface
    public interface RawSource {
        InputStream open(Span span) throws IOException;
    }

    /** Reads spans from a message file. */
    public static RawSource of(Path file) {
        return span -> {
            var ch = java.nio.file.Files.newByteChannel(file);
            ch.position(span.offset());
            return new CrlfInputStream.BoundedInputStream(
                    new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch), 16384),
                    span.rawSize());
        };
    }

    public static boolean bodyContains(MessageSummary message, RawSource source, String needle) throws IOException {
        return search(message.root(), source, new SubstringMatcher(needle), false);
    }

    public static boolean textContains(MessageSummary message, RawSource source, String needle) throws IOException {
        SubstringMatcher m = new SubstringMatcher(needle);
        return header(message.root().header(), source, m) || search(message.root(), source, m, true);
    }

    /** Whether an unfolded, decoded header value contains the needle (SEARCH SUBJECT, FROM, HEADER …). */
    public static boolean headerValueContains(String rawValue, String needle) {
        return SubstringMatcher.contains(
                EncodedWords.decode(new HeaderField("x", rawValue.replace("\r\n", "\n")).value()), needle);
    }

    private static boolean search(BodyPart part, RawSource source, SubstringMatcher m, boolean headers)
            throws IOException {
        if (part.isMultipart()) {
            for (BodyPart child : part.children()) {
                if (headers && header(child.header(), source, m)) {
                    return true;
                }
                if (search(child, source, m, headers)) {
                    return true;
                }
            }
            return false;
        }
        if (part.message() != null) {
            BodyPart carried = part.message().root();
            return headers && header(carried.header(), source, m) || search(carried, source, m, headers);
        }
        if (part.body().rawSize() == 0) {
            return false;
        }
        DecodeView view = DecodeView.of(headerFields(part.header(), source));
        if (!view.text()) {
            return false;
        }
        Charset charset = view.charset();
        m.reset();
        try (InputStream raw = source.open(part.body());
             Reader text = new java.io.InputStreamReader(TransferDecoding.decode(raw, view.encoding()),
                     charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                             .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE))) {
            return m.feed(text);
        }
    }

    /**
     * How Dovecot's search decoder reads a part, which is not quite how BODYSTRUCTURE reads it (found by comparing
     * SEARCH answers): every Content-Type replaces the one before, and one whose "type/subtype" does not parse
     * makes the part non-text (no Content-Type at all means text/plain); the last Content-Transfer-Encoding
     * counts, MIME-Version or not. Only text/* and message/* bodies in a transfer encoding it can undo are
     * searched, in their charset, or as UTF-8 when the charset is unknown.
     */
    record DecodeView(boolean text, Charset charset, String encoding) {
        private static final java.util.Set<String> KNOWN_ENCODINGS =
                java.util.Set.of("7bit", "8bit", "binary", "base64", "quoted-printable");

        static DecodeView of(MimeHeader h) {
            boolean text = true;
            String charsetName = null;
            for (HeaderField f : h.all("Content-Type")) {
                // the value as the decoder sees it: folding removed, CRs kept
                Rfc822Lexer lx = new Rfc822Lexer(f.rawValue().replace("\n", ""));
                lx.skipCfws();
                String type = lx.token();
                lx.skipCfws();
                boolean ok = !type.isEmpty() && lx.peek() == '/';
                if (ok) {
                    lx.skip();
                    lx.skipCfws();
                    ok = !lx.token().isEmpty();
                    lx.skipCfws();
                    ok &= lx.atEnd() || lx.peek() == ';';
                }
                text = ok && (type.equalsIgnoreCase("text") || type.equalsIgnoreCase("message"));
                charsetName = ok ? MimeParams.get(MimeParams.parse(lx), "charset") : null;
            }
            String encoding = "7bit";
            String cte = h.last("Content-Transfer-Encoding").map(HeaderField::value).orElse(null);
            if (cte != null) {
                Rfc822Lexer lx = new Rfc822Lexer(cte);
                lx.skipCfws();
                encoding = lx.token().toLowerCase(java.util.Locale.ROOT);
                lx.skipCfws();
                if (!lx.atEnd() || !KNOWN_ENCODINGS.contains(encoding)) {
                    text = false; // an encoding it cannot undo: Dovecot does not search the body
                }
            }
            Charset cs = charsetName == null ? null : Charsets.lookup(charsetName);
            return new DecodeView(text, cs == null ? java.nio.charset.StandardCharsets.UTF_8 : cs, encoding);
        }
    }

    private static MimeHeader headerFields(Span span, RawSource source) throws IOException {
        if (span.rawSize() == 0) {
            return MimeHeader.EMPTY;
        }
        byte[] bytes;
        try (InputStream in = source.open(span)) {
            bytes = in.readNBytes((int) Math.min(span.rawSize(), MimeParser.MAX_HEADER_BYTES));
        }
        return MimeParser.parse(bytes).header();
    }

    /** Searches a header block line by line (folded lines joined), every line, field or not, decoded on its own. */
    private static boolean header(Span span, RawSource source, SubstringMatcher m) throws IOException {
        if (span.rawSize() == 0) {
            return false;
        }
        byte[] bytes;
        try (InputStream in = source.open(span)) {
            bytes = in.readNBytes((int) Math.min(span.rawSize(), MimeParser.MAX_HEADER_BYTES));
        }
        StringBuilder logical = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int contentEnd = end > i && bytes[end - 1] == '\r' ? end - 1 : end;
            boolean continuation = end > i && (bytes[i] == ' ' || bytes[i] == '\t');
            if (!continuation && !logical.isEmpty()) {
                if (lineMatches(logical, m)) {
                    return true;
                }
                logical.setLength(0);
            }
            logical.append(ByteStrings.of(bytes, i, contentEnd - i));
            i = end + 1;
        }
        return !logical.isEmpty() && lineMatches(logical, m);
    }

    private static boolean lineMatches(CharSequence line, SubstringMatcher m) {
        m.reset();
        return m.feed(EncodedWords.decode(line.toString()));
    }

}
