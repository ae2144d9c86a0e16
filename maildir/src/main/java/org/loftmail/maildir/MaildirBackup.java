package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.loftmail.core.storage.MailStorageException;

/**
 * {@code adm backup} between two Maildir++ stores: makes the destination a copy of the source that keeps what a
 * client remembers — UIDVALIDITY, UIDs, the mailbox GUID and POP3 UIDLs (dovecot-uidlist is copied as it is),
 * keywords (dovecot-keywords), flags (in the file names), INTERNALDATE (the files' mtimes) and the subscriptions —
 * so a user can move between stores or machines without clients downloading their mail again. Each source mailbox
 * is copied under its dovecot-uidlist dotlock (Dovecot's and Loft's writers wait meanwhile), into a destination
 * mailbox also locked; messages and folders that are not in the source are removed from the destination. Index
 * and cache files are not copied, and the destination's are removed, so whoever opens it next rebuilds them.
 * Symbolic links and non-regular files in the source are refused, never followed.
 */
public final class MaildirBackup {

    /** What was copied. */
    public record Result(int mailboxes, int messagesCopied, int messagesRemoved) {}

    private static final Set<String> MAILBOX_FILES = Set.of("dovecot-uidlist", "dovecot-keywords", "maildirfolder",
            "dovecot-pop3-uidl");
    private static final Set<String> ROOT_FILES = Set.of("subscriptions", "dovecot-uidvalidity", "maildirsize");

    private final OptionalInt uid;
    private final OptionalInt gid;
    private int copied;
    private int removed;

    private MaildirBackup(OptionalInt uid, OptionalInt gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /**
     * Mirrors the Maildir++ store at {@code source} into {@code dest} (created when missing); new files and
     * directories get {@code uid}/{@code gid} when given (Loft running as root).
     */
    public static Result mirror(MaildirLocation source, MaildirLocation dest, OptionalInt uid, OptionalInt gid)
            throws MailStorageException {
        for (MaildirLocation l : List.of(source, dest)) {
            if (l.layout() != MaildirLocation.Layout.MAILDIRPP || !l.inbox().equals(l.root()) || l.controlRoot().isPresent()) {
                throw new MailStorageException("backup supports Maildir++ locations without INBOX= and CONTROL= ("
                        + l.root() + ")");
            }
        }
        if (source.root().equals(dest.root())) {
            throw new MailStorageException("the backup's destination is the mail itself: " + dest.root());
        }
        MaildirBackup b = new MaildirBackup(uid, gid);
        try {
            b.directory(dest.root());
            List<String> folders = b.folders(source.root());
            for (String folder : folders) {
                Path from = folder.isEmpty() ? source.root() : source.root().resolve(folder);
                Path to = folder.isEmpty() ? dest.root() : dest.root().resolve(folder);
                b.mailbox(from, to);
            }
            for (String gone : b.folders(dest.root())) {
                if (!gone.isEmpty() && !folders.contains(gone)) {
                    b.deleteTree(dest.root().resolve(gone));
                }
            }
            b.rootFiles(source.root(), dest.root());
            return new Result(folders.size(), b.copied, b.removed);
        } catch (IOException e) {
            throw new MailStorageException("backup to " + dest.root() + " failed: " + e.getMessage(), e);
        }
    }

    /** "" for INBOX (the root) and the {@code .Folder} directories. */
    private List<String> folders(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        out.add("");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !name.equals(".") && !name.equals("..")
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(p.resolve("cur"), LinkOption.NOFOLLOW_LINKS)) {
                    out.add(name);
                }
            }
        }
        out.subList(1, out.size()).sort(null);
        return out;
    }

    private void mailbox(Path from, Path to) throws IOException, MailStorageException {
        directory(to);
        for (String sub : List.of("cur", "new", "tmp")) {
            directory(to.resolve(sub));
        }
        try (Dotlock source = Dotlock.acquire(from.resolve("dovecot-uidlist.lock"), MaildirState.LOCK_TIMEOUT);
                Dotlock target = Dotlock.acquire(to.resolve("dovecot-uidlist.lock"), MaildirState.LOCK_TIMEOUT)) {
            for (String sub : List.of("cur", "new")) {
                Set<String> names = new HashSet<>();
                Path dir = from.resolve(sub);
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path f : files) {
                            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                                continue; // a link or a device in someone's Maildir is not mail
                            }
                            names.add(f.getFileName().toString());
                            Path t = to.resolve(sub).resolve(f.getFileName().toString());
                            if (!sameFile(f, t)) {
                                copy(f, t);
                                copied++;
                            }
                        }
                    }
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(to.resolve(sub))) {
                    for (Path t : files) {
                        if (!names.contains(t.getFileName().toString())) {
                            Files.delete(t);
                            removed++;
                        }
                    }
                }
            }
            for (String name : MAILBOX_FILES) {
                Path f = from.resolve(name);
                Path t = to.resolve(name);
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    copy(f, t);
                } else {
                    Files.deleteIfExists(t);
                }
            }
            // the destination's indexes describe what was there before: whoever opens it next rebuilds them
            try (DirectoryStream<Path> files = Files.newDirectoryStream(to)) {
                for (Path t : files) {
                    String name = t.getFileName().toString();
                    if ((name.startsWith("dovecot.index") || name.startsWith("dovecot.list.index") || name.startsWith("loft."))
                            && Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(t);
                    }
                }
            }
        }
    }

    private void rootFiles(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean wanted = ROOT_FILES.contains(name) || name.startsWith("dovecot-uidvalidity.");
                if (wanted && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    copy(f, to.resolve(name));
                }
            }
        }
    }

    private static boolean sameFile(Path f, Path t) throws IOException {
        return Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS) && Files.size(f) == Files.size(t)
                && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).equals(Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS));
    }

    /** Copies through a temporary name, keeping the mtime (INTERNALDATE), then renames into place. */
    private void copy(Path f, Path t) throws IOException {
        Path temp = t.resolveSibling("." + t.getFileName() + ".backup-tmp");
        Files.copy(f, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        own(temp);
        Files.move(temp, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void directory(Path d) throws IOException {
        if (Files.isSymbolicLink(d)) {
            throw new IOException(d + " is a symbolic link");
        }
        try {
            Files.createDirectory(d, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            own(d);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(d + " is not a directory");
            }
        }
    }

    private void own(Path p) throws IOException {
        if (uid.isPresent()) {
            Files.setAttribute(p, "unix:uid", uid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
        }
        if (gid.isPresent()) {
            Files.setAttribute(p, "unix:gid", gid.getAsInt(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void deleteTree(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                } else {
                    Files.delete(p);
                    removed++;
                }
            }
        }
        Files.delete(dir);
    }
}
