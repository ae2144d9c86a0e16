package org.loftmail.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.OverQuotaException;
import org.loftmail.core.storage.QuotaResource;
import org.loftmail.core.storage.QuotaRoot;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.quota.QuotaRule;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * Quota for one user's Maildir: {@code quota = maildir} keeps usage in the Maildir++ {@code maildirsize} file
 * (first line {@code <bytes>S,<count>C} limits, then {@code <bytes> <count>} lines, recalculated when missing
 * or over 5120 bytes); {@code quota = count} sums the mailbox indexes. Rules: the {@code *} default, per-mailbox
 * relative rules ({@code Trash:storage=+100M}) and {@code ignore}; userdb rules replace global ones for the
 * same mailbox. {@code quota_grace} lets one save cross the limit by that much.
 */
final class MaildirQuota {

    private static final int MAILDIRSIZE_MAX = 5120;

    private final QuotaSettings settings;
    private final MaildirStorage storage;
    private final Path maildirsize;
    private final FileCreator creator;
    private final Map<String, QuotaRule> rules = new LinkedHashMap<>();

    MaildirQuota(QuotaSettings settings, StorageUser user, MaildirStorage storage, Path root, FileCreator creator) throws MailStorageException {
        this.settings = settings;
        this.storage = storage;
        this.maildirsize = root.resolve("maildirsize");
        this.creator = creator;
        for (QuotaRule r : settings.rules()) rules.put(r.mailbox(), r);
        try {
            for (String s : user.quotaRules()) {
                QuotaRule r = QuotaRule.parse(s);
                rules.put(r.mailbox(), r);
            }
        } catch (IllegalArgumentException e) {
            throw new MailStorageException("bad quota_rule from userdb for " + user.username() + ": " + e.getMessage());
        }
    }

    boolean enabled() {
        return settings.enabled();
    }

    private QuotaRule defaultRule() {
        return rules.getOrDefault("*", new QuotaRule("*", 0, 0, false, false));
    }

    /** Effective limits {bytes, messages} for saving into a mailbox; 0 = unlimited. */
    private long[] limits(MailboxName mailbox) {
        QuotaRule d = defaultRule();
        long bytes = Math.max(0, d.storage());
        long msgs = Math.max(0, d.messages());
        QuotaRule m = rules.get(mailbox.toString());
        if (m != null && !m.isDefault() && !m.ignore()) {
            if (m.relative()) {
                if (m.storage() >= 0 && bytes > 0) bytes += m.storage();
                if (m.messages() >= 0 && msgs > 0) msgs += m.messages();
            } else {
                if (m.storage() >= 0) bytes = m.storage();
                if (m.messages() >= 0) msgs = m.messages();
            }
        }
        return new long[] {bytes, msgs};
    }

    private boolean ignored(MailboxName mailbox) {
        QuotaRule m = rules.get(mailbox.toString());
        return m != null && m.ignore();
    }

    List<QuotaRoot> roots(MailboxName mailbox) throws MailStorageException {
        if (!enabled()) return List.of();
        long[] lim = limits(mailbox);
        long[] use = usage();
        List<QuotaResource> res = new ArrayList<>();
        if (lim[0] > 0) res.add(new QuotaResource(QuotaResource.STORAGE, use[0], lim[0]));
        if (lim[1] > 0) res.add(new QuotaResource(QuotaResource.MESSAGE, use[1], lim[1]));
        return List.of(new QuotaRoot(settings.rootName(), res));
    }

    void check(MailboxName target, long bytes, int count) throws MailStorageException {
        if (!enabled() || ignored(target)) return;
        long[] lim = limits(target);
        if (lim[0] == 0 && lim[1] == 0) return;
        long[] use = usage();
        if (lim[0] > 0 && use[0] + bytes > lim[0]) {
            boolean graced = use[0] < lim[0] && use[0] + bytes <= lim[0] + settings.grace().of(lim[0]);
            if (!graced) throw new OverQuotaException("Quota exceeded (mailbox for user is full)");
        }
        if (lim[1] > 0 && use[1] + count > lim[1]) throw new OverQuotaException("Quota exceeded (too many messages)");
    }

    /** Records a change in usage (maildirsize only; the count backend reads the indexes). */
    void added(MailboxName mailbox, long bytes, int count) throws MailStorageException {
        if (!enabled() || settings.backend().get() != QuotaSettings.Backend.MAILDIR || ignored(mailbox)) return;
        if (bytes == 0 && count == 0) return;
        try {
            if (!Files.exists(maildirsize)) {
                recalculate();
                return;
            }
            try (FileChannel ch = creator.confinement().open(maildirsize, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap((bytes + " " + count + "\n").getBytes(StandardCharsets.US_ASCII)));
            } catch (java.nio.file.AccessDeniedException linkedOut) {
                recalculate(); // a link out of the root (or not the user's file) is replaced, never written through
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot update maildirsize: " + e.getMessage(), e);
        }
    }

    /** {bytes, messages} in use. */
    long[] usage() throws MailStorageException {
        if (settings.backend().get() == QuotaSettings.Backend.COUNT) return count();
        try {
            long[] fromFile = readMaildirsize();
            if (fromFile != null) return fromFile;
            return recalculate();
        } catch (IOException e) {
            throw new MailStorageException("cannot read maildirsize: " + e.getMessage(), e);
        }
    }

    private long[] readMaildirsize() throws IOException {
        List<String> lines;
        try {
            if (Files.size(maildirsize) > MAILDIRSIZE_MAX) return null;
            lines = Files.readAllLines(maildirsize, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (lines.isEmpty() || !lines.get(0).equals(limitsLine())) return null;
        long bytes = 0;
        long count = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).trim().split("\\s+");
            if (p.length != 2) return null;
            try {
                bytes += Long.parseLong(p[0]);
                count += Long.parseLong(p[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new long[] {Math.max(0, bytes), Math.max(0, count)};
    }

    private String limitsLine() {
        QuotaRule d = defaultRule();
        return Math.max(0, d.storage()) + "S," + Math.max(0, d.messages()) + "C";
    }

    private long[] recalculate() throws IOException, MailStorageException {
        long[] use = count();
        String content = limitsLine() + "\n" + use[0] + " " + use[1] + "\n";
        creator.replace(maildirsize, out -> out.write(content.getBytes(StandardCharsets.US_ASCII)));
        return use;
    }

    private long[] count() throws MailStorageException {
        long bytes = 0;
        long msgs = 0;
        for (MailboxName n : storage.existing()) {
            if (ignored(n)) continue;
            MaildirState st = ((MaildirMailbox) storage.mailbox(n)).state();
            st.index.lock().lock();
            try {
                st.refresh();
                for (IndexRecord m : st.index.records().values()) bytes += m.physicalSize();
                msgs += st.index.size();
            } finally {
                st.index.lock().unlock();
            }
        }
        return new long[] {bytes, msgs};
    }
}
