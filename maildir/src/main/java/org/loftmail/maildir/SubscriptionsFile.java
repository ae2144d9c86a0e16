package org.loftmail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.fs.Confinement;
import org.loftmail.core.mail.MailboxName;

/**
 * Dovecot's {@code subscriptions} file, version 2: the line {@code V\t2}, an empty line, then one mailbox per
 * line with TAB between hierarchy levels. Version 1 files (names with the separator) are read assuming
 * {@code .} or {@code /}. Names are in modified UTF-7 as Dovecot writes them ({@code Entw&APw-rfe}), or UTF-8 with
 * the location's {@code UTF-8} option. Replaced atomically; names that are not valid are skipped.
 */
final class SubscriptionsFile {

    private SubscriptionsFile() {}

    /**
     * Reads the file through the user's confinement (ADR 0305): a {@code subscriptions} that is a link out of the
     * mail root, or not the user's, is refused with {@link java.nio.file.AccessDeniedException} instead of read.
     */
    static Set<MailboxName> read(Path file, boolean utf8, Confinement confinement) throws IOException {
        List<String> lines;
        try {
            lines = confinement.withFile(file, pinned -> Files.readAllLines(pinned, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new LinkedHashSet<>();
        }
        Set<MailboxName> out = new LinkedHashSet<>();
        boolean v2 = !lines.isEmpty() && lines.get(0).equals("V\t2");
        for (int i = v2 ? 1 : 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty()) continue;
            try {
                if (v2) {
                    List<String> levels = List.of(l.split("\t", -1));
                    out.add(new MailboxName(utf8 ? levels : levels.stream().map(SubscriptionsFile::decode).toList()));
                } else {
                    String name = utf8 ? l : decode(l);
                    out.add(MailboxName.parse(name, name.indexOf('/') >= 0 ? '/' : '.'));
                }
            } catch (IllegalArgumentException ignored) {
                // a name Loft cannot represent is left out of the list, as a broken line
            }
        }
        return out;
    }

    static void write(Path file, Set<MailboxName> names, FileCreator creator, boolean utf8) throws IOException {
        StringBuilder sb = new StringBuilder("V\t2\n\n");
        for (MailboxName n : names) {
            List<String> levels = utf8 ? n.path() : n.path().stream().map(org.loftmail.core.mail.ModifiedUtf7::encode).toList();
            sb.append(String.join("\t", levels)).append('\n');
        }
        creator.replace(file, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A line that is not valid modified UTF-7 is kept as it is (another program wrote UTF-8). */
    private static String decode(String line) {
        try {
            return org.loftmail.core.mail.ModifiedUtf7.decode(line);
        } catch (IllegalArgumentException e) {
            return line;
        }
    }

    static List<MailboxName> sorted(Set<MailboxName> names) {
        List<MailboxName> l = new ArrayList<>(names);
        l.sort((a, b) -> a.toString().compareTo(b.toString()));
        return l;
    }
}
