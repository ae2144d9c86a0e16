package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/** Copies the Dovecot-written fixture Maildir into a directory, restoring what git cannot keep. */
final class WrittenFixture {

    static final String[] FILES = {
        "Maildir/.Entw&APw-rfe/dovecot-uidlist",
        "Maildir/.Entw&APw-rfe/maildirfolder",
        "Maildir/.Work.Projects/cur/1795407635.M839351P15229.vm,S=55,W=59:2,Sa",
        "Maildir/.Work.Projects/dovecot-keywords",
        "Maildir/.Work.Projects/dovecot-uidlist",
        "Maildir/.Work.Projects/maildirfolder",
        "Maildir/.Work.Projects/new/1795407620.M505955P14814.vm,S=23,W=26",
        "Maildir/cur/1795407620.M327015P14800.vm,S=167,W=175:2,S",
        "Maildir/cur/1795407620.M375383P14802.vm,S=167,W=175:2,FSa",
        "Maildir/cur/1795407620.M405051P14804.vm,S=167,W=175:2,RSb",
        "Maildir/cur/1795407620.M446394P14809.vm,S=167,W=175:2,Dc",
        "Maildir/cur/1795407620.M462127P14811.vm,S=167,W=175:2,",
        "Maildir/dovecot-keywords",
        "Maildir/dovecot-uidlist",
        "Maildir/dovecot-uidvalidity",
        "Maildir/dovecot-uidvalidity.6b03bf06",
        "Maildir/maildirfolder",
        "Maildir/subscriptions",
    };

    private WrittenFixture() {}

    /** Writes {@code <home>/Maildir} as Dovecot left it. */
    static void copyTo(Path home) throws IOException {
        for (String f : FILES) {
            Path target = home.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = resource(f)) {
                Files.copy(in, target);
            }
        }
        for (String dir : List.of("Maildir", "Maildir/.Work.Projects", "Maildir/.Entw&APw-rfe")) {
            for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(home.resolve(dir).resolve(sub));
        }
        try (InputStream in = resource("mtimes.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                int sp = line.indexOf(' ');
                BigDecimal secs = new BigDecimal(line.substring(0, sp));
                long s = secs.longValue();
                long nanos = secs.subtract(BigDecimal.valueOf(s)).movePointRight(9).longValue();
                Files.setLastModifiedTime(home.resolve(line.substring(sp + 1)), FileTime.from(Instant.ofEpochSecond(s, nanos)));
            }
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = WrittenFixture.class.getResourceAsStream("/dovecot-fixture/" + name);
        if (in == null) throw new IOException("missing fixture file " + name);
        return in;
    }
}
