package org.loftmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.server.MaildirTestBackend;

/**
 * BINARY of quoted-printable parts against Debian's Dovecot 2.3: soft line breaks, trailing white space (dropped),
 * escapes. Both servers get the same messages and FETCH BINARY.PEEK[1] and BINARY.SIZE[1] of each; the answers
 * (literal bytes included) must be the same. Left out on purpose: broken escapes ("=4 ", "=XY", "=" before a lone CR)
 * and "=" as the very last byte, which Dovecot answers with NO [PARSE] or a dropped connection, and Loft decodes as
 * RFC 2045 section 6.7 recommends (ADR 0502's rule: better where Dovecot is wrong); core's QuotedPrintableDecodingTest holds those.
 */
class DovecotBinaryTest {

    @TempDir
    Path dir;

    static final List<String> BODIES = List.of(
            "soft=\r\nbreak\r\n",
            "trailing spaces   \r\nand tabs\t\t\r\nend\r\n",
            "ends with soft break=\r\n",
            "space before soft  =\r\nnext\r\n",
            "=C3=A4rger =E2=82=AC\r\n",
            "last line without break",
            "tab=09and=20space\r\n",
            "trailing space before a bare LF   \nnext\r\n",
            "only white space \t \r\n \r\nend\r\n",
            "=\r\n=\r\n\r\n");

    private static String message(String body) {
        return "From: a@example.org\r\nSubject: qp\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body;
    }

    @Test
    void quotedPrintableBinaryAnswersAsDovecotDoes() throws Exception {
        assumeTrue(DovecotImap.available(), "Dovecot's binaries are not unpacked (scripts/fetch-dovecot-binaries)");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder appends = new StringBuilder();
        for (int i = 0; i < BODIES.size(); i++) {
            String m = message(BODIES.get(i));
            appends.append("a").append(i).append(" APPEND INBOX {").append(m.getBytes(StandardCharsets.UTF_8).length)
                    .append("+}\r\n").append(m).append("\r\n");
        }
        Path dovecotHome = dir.resolve("dovecot-home");
        for (String d : List.of("cur", "new", "tmp")) Files.createDirectories(dovecotHome.resolve("Maildir").resolve(d));
        DovecotImap.session(dovecotHome, dir.resolve("dovecot-run"), appends + "z LOGOUT\r\n");
        List<String> differences = new ArrayList<>();
        try (ImapTestServer server = new ImapTestServer(dir.resolve("loft"), ImapSettings.defaults(), false, MaildirTestBackend.MAILDIR);
                Socket socket = server.connect()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write(("l LOGIN alice secret\r\n" + appends + "s SELECT INBOX\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            readUntil(in, "s ");
            for (int i = 1; i <= BODIES.size(); i++) {
                String query = "q FETCH " + i + " (BINARY.SIZE[1] BINARY.PEEK[1])";
                String want = afterSelect(DovecotImap.session(dovecotHome, dir.resolve("dovecot-run"),
                        "s SELECT INBOX\r\n" + query + "\r\nz LOGOUT\r\n"));
                out.write((query + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String got = normalise(readUntil(in, "q "));
                if (!want.equals(got)) differences.add(BODIES.get(i - 1).replace("\r", "\\r").replace("\n", "\\n")
                        + "\n  dovecot: " + want.replace("\r\n", "|") + "\n  loft:    " + got.replace("\r\n", "|"));
            }
        }
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }

    /** The lines of Dovecot's answer to the query: after SELECT's tagged OK, up to the query's tagged line. */
    private static String afterSelect(List<String> lines) {
        StringBuilder b = new StringBuilder();
        boolean on = false;
        for (String l : lines) {
            if (l.startsWith("s OK")) {
                on = true;
                continue;
            }
            if (!on) continue;
            b.append(l).append("\r\n");
            if (l.startsWith("q ")) break;
        }
        return normalise(b.toString());
    }

    private static String normalise(String s) {
        return s.replaceAll(" \\(\\d+\\.\\d+ \\+ [^)]*secs\\)\\.", ".").replaceAll("\\* OK \\[HIGHESTMODSEQ \\d+\\] Highest\r\n", "");
    }

    /** Everything up to and including the line starting with {@code tag}, read as UTF-8 (as Dovecot's side is). */
    private static String readUntil(InputStream in, String tag) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            all.write(c);
            line.write(c);
            if (c == '\n') {
                if (line.toString(StandardCharsets.UTF_8).startsWith(tag)) return all.toString(StandardCharsets.UTF_8);
                line.reset();
            }
        }
        throw new IllegalStateException("closed: " + all);
    }
}
