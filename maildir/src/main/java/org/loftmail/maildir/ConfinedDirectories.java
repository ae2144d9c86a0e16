package org.loftmail.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loftmail.core.fs.Confinement;

/**
 * A mailbox's directories (the Maildir, cur, new, tmp, and the control and index directories when they are
 * elsewhere) as last found confined (ADR 0305: reached beneath a mail root with no link out, owned by the user),
 * so that each operation need not resolve them all through the kernel again.
 *
 * <p>What is remembered is each directory's identity (device, inode, owner) as the
 * check read it through the directory's descriptor. A directory has one place (no hard links), so a path that
 * still leads to that identity leads to the very directory that was checked — whatever was renamed or linked
 * on the way, it is still the user's own directory, and files in it are opened through the confinement on
 * their own. Anything else (another directory, a link to someone else's, an inode number freed and reused for
 * someone else's file, which carries their owner) is checked in full again. A check that failed or found a
 * directory missing is not remembered.
 */
final class ConfinedDirectories {


    private final List<Path> directories;
    /** The identities found by the last check that passed in full; null when none is trusted. */
    private volatile List<Confinement.Identity> verified;

    ConfinedDirectories(MailboxPaths p) {
        Set<Path> distinct = new LinkedHashSet<>(List.of(p.mailDir(), p.cur(), p.newDir(), p.tmp(), p.controlDir(),
                p.indexDir()));
        this.directories = List.copyOf(distinct);
    }

    /** Fails (as {@link Confinement#checkDirectory}) unless every directory that exists is confined. */
    void check(Confinement confinement) throws IOException {
        List<Confinement.Identity> trusted = verified;
        if (trusted != null && trusted.equals(identities())) return;
        verified = null;
        List<Confinement.Identity> checked = new ArrayList<>(directories.size());
        for (Path dir : directories) {
            try {
                checked.add(confinement.checkDirectory(dir));
            } catch (NoSuchFileException notYet) {
                checked.add(null); // a mailbox being created, or gone: the operation itself says so
            }
        }
        if (!checked.contains(null)) verified = checked;
    }

    private List<Confinement.Identity> identities() throws IOException {
        List<Confinement.Identity> out = new ArrayList<>(directories.size());
        for (Path d : directories) {
            try {
                out.add(Confinement.Identity.of(d));
            } catch (NoSuchFileException gone) {
                out.add(null);
            }
        }
        return out;
    }
}
