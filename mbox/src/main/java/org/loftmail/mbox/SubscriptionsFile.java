package org.loftmail.mbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;

/**
 * {@code ~/mail/.subscriptions} as Dovecot 2.3 keeps it: {@code V\t2}, an empty line, then one mailbox per line
 * with TAB between levels, in modified UTF-7 unless the location has {@code UTF-8}. Older files (one name per
 * line, {@code /} between levels) are read too. Replaced by write-new-then-rename.
 */
final class SubscriptionsFile {

    private final Path file;
    private final boolean utf8;

    SubscriptionsFile(Path file, boolean utf8) {
        this.file = file;
        this.utf8 = utf8;
    }

    Set<MailboxName> read() throws IOException {
        Set<MailboxName> out = new LinkedHashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        }
        boolean v2 = !lines.isEmpty() && lines.get(0).equals("V\t2");
        for (int i = v2 ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            List<String> levels = new ArrayList<>();
            for (String l : line.split(v2 ? "\t" : "/", -1)) levels.add(utf8 ? l : ModifiedUtf7.decode(l));
            try {
                out.add(new MailboxName(levels));
            } catch (RuntimeException e) {
                // a name we could not serve is skipped, as Dovecot skips it
            }
        }
        return out;
    }

    void write(Set<MailboxName> names) throws IOException {
        StringBuilder b = new StringBuilder("V\t2\n\n");
        for (MailboxName n : names) {
            List<String> enc = new ArrayList<>();
            for (String l : n.path()) enc.add(utf8 ? l : ModifiedUtf7.encode(l));
            b.append(String.join("\t", enc)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".loft-tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(java.nio.ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
