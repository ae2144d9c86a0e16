package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;

/**
 * Maps mailbox names to directories for the two layouts: Maildir++ ({@code .Work.Projects} under the root,
 * each level in modified UTF-7) and {@code LAYOUT=fs} ({@code Work/Projects}). Every computed path is checked to
 * stay below the root, so no name can reach a file outside the user's mail.
 */
final class MaildirFolders {

    private static final Set<String> RESERVED = Set.of("cur", "new", "tmp");

    private final MaildirLocation location;

    MaildirFolders(MaildirLocation location) {
        this.location = location;
    }

    MaildirLocation location() {
        return location;
    }

    MailboxPaths paths(MailboxName name) {
        if (name.isInbox()) {
            Path mail = location.inbox();
            return new MailboxPaths(mail, location.controlRoot().orElse(mail), location.indexRoot().orElse(mail));
        }
        String rel = relative(name);
        Path mail = inside(location.root(), rel);
        Path control = location.controlRoot().map(c -> inside(c, rel)).orElse(mail);
        Path index = location.indexRoot().map(c -> inside(c, rel)).orElse(mail);
        return new MailboxPaths(mail, control, index);
    }

    /** The directory name below the root: {@code .Work.Projects} or {@code Work/Projects}. */
    String relative(MailboxName name) {
        List<String> encoded = new ArrayList<>();
        for (String level : name.path()) {
            String e = encode(level);
            if (location.layout() == MaildirLocation.Layout.MAILDIRPP && level.indexOf('.') >= 0) {
                throw new InvalidMailboxNameException("'.' is not allowed in a mailbox name with Maildir++ layout");
            }
            if (location.layout() == MaildirLocation.Layout.FS && (RESERVED.contains(e) || e.startsWith("."))) {
                throw new InvalidMailboxNameException("mailbox name level not allowed with LAYOUT=fs: " + level);
            }
            if (e.startsWith("~")) throw new InvalidMailboxNameException("mailbox names may not start with '~'");
            encoded.add(e);
        }
        return location.layout() == MaildirLocation.Layout.MAILDIRPP
                ? "." + String.join(".", encoded)
                : String.join("/", encoded);
    }

    private String encode(String level) {
        return location.utf8() ? level : ModifiedUtf7.encode(level);
    }

    private String decode(String onDisk) {
        if (!location.utf8()) return ModifiedUtf7.decode(onDisk);
        return onDisk;
    }

    private static Path inside(Path root, String rel) {
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root) || p.equals(root)) throw new InvalidMailboxNameException("mailbox name escapes the mail root");
        return p;
    }

    /** Every mailbox directory under the root that has a cur/ directory (plus INBOX), sorted. */
    List<MailboxName> scan() throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        List<MailboxName> out = new ArrayList<>();
        Path root = location.root();
        if (!Files.isDirectory(root)) return out;
        if (location.layout() == MaildirLocation.Layout.MAILDIRPP) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, ".*")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.equals(".") || n.equals("..") || n.length() < 2 || n.startsWith(".DOVECOT-TRASHED")
                            || !Files.isDirectory(p.resolve("cur"))) continue; // a mailbox being deleted is gone already
                    MailboxName name = decodeMaildirpp(n.substring(1), location.utf8());
                    if (name != null && seen.add(name.toString())) out.add(name);
                }
            }
        } else {
            walkFs(root, new ArrayList<>(), out, 0);
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private void walkFs(Path dir, List<String> prefix, List<MailboxName> out, int depth) throws IOException {
        if (depth >= MailboxName.MAX_DEPTH) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || (depth == 0 && RESERVED.contains(n)) || RESERVED.contains(n)) continue;
                List<String> levels = new ArrayList<>(prefix);
                try {
                    levels.add(decode(n));
                    MailboxName name = new MailboxName(levels);
                    if (Files.isDirectory(p.resolve("cur")) && !(depth == 0 && name.isInbox() && location.inbox().equals(location.root()))) {
                        out.add(name);
                    }
                } catch (IllegalArgumentException e) {
                    continue;
                }
                walkFs(p, levels, out, depth + 1);
            }
        }
    }

    static MailboxName decodeMaildirpp(String dotted, boolean utf8) {
        try {
            List<String> levels = new ArrayList<>();
            for (String part : dotted.split("\\.", -1)) levels.add(utf8 ? part : ModifiedUtf7.decode(part));
            return new MailboxName(levels);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
