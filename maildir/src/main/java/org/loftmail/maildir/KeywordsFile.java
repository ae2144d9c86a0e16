package org.loftmail.maildir;

import org.loftmail.core.fs.Confinement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dovecot's {@code dovecot-keywords}: {@code <index> <keyword>} per line; index 0 is file-name letter {@code a}.
 * Only 26 fit in file names, so Loft refuses a 27th keyword in a mailbox. Replaced atomically under the
 * uidlist lock.
 */
final class KeywordsFile {

    static final int MAX = 26;

    private final String[] names = new String[MAX];
    /** How the file is read: never through a link out of the mail root, whose lines would become FLAGS. */
    private final Confinement confinement;

    KeywordsFile(Confinement confinement) {
        this.confinement = confinement;
    }
    private FileStamp stamp = FileStamp.MISSING;

    /** Rereads when the file changed. */
    void refresh(Path file) throws IOException {
        FileStamp now = FileStamp.of(file);
        if (now.equals(stamp)) return;
        Arrays.fill(names, null);
        stamp = now;
        if (now == FileStamp.MISSING) return;
        List<String> lines;
        try {
            lines = confinement.withFile(file, pinned -> Files.readAllLines(pinned, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            stamp = FileStamp.MISSING;
            return;
        }
        for (String l : lines) {
            int sp = l.indexOf(' ');
            if (sp <= 0) continue;
            try {
                int idx = Integer.parseInt(l.substring(0, sp));
                String kw = l.substring(sp + 1);
                if (idx >= 0 && idx < MAX && !kw.isEmpty()) names[idx] = kw;
            } catch (NumberFormatException ignored) {
                // Dovecot ignores broken lines too
            }
        }
    }

    String name(int index) {
        return index >= 0 && index < MAX ? names[index] : null;
    }

    int indexOf(String keyword) {
        for (int i = 0; i < MAX; i++) if (keyword.equals(names[i])) return i;
        return -1;
    }

    List<String> all() {
        List<String> out = new ArrayList<>();
        for (String n : names) if (n != null) out.add(n);
        return out;
    }

    boolean isFull() {
        for (String n : names) if (n == null) return false;
        return true;
    }

    /** Adds a keyword and writes the file; caller holds the uidlist lock. Returns the index, -1 when full. */
    int add(Path file, String keyword, FileCreator creator) throws IOException {
        int existing = indexOf(keyword);
        if (existing >= 0) return existing;
        for (int i = 0; i < MAX; i++) {
            if (names[i] == null) {
                names[i] = keyword;
                write(file, creator);
                return i;
            }
        }
        return -1;
    }

    private void write(Path file, FileCreator creator) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MAX; i++) if (names[i] != null) sb.append(i).append(' ').append(names[i]).append('\n');
        creator.replace(file, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
        stamp = FileStamp.of(file);
    }
}
