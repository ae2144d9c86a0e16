package org.loftmail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.CopyResult;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MessageExpungedException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.index.IndexRecord;
import org.loftmail.core.storage.index.ParsedMessageCache;

/**
 * COPY/MOVE out of a Maildir view. Into another Maildir the file is hard-linked into the target's tmp/ under
 * a new name (Dovecot's {@code maildir_copy_with_hardlinks = yes}), falling back to a byte copy across file
 * systems; into another backend the message is appended with its flags and INTERNALDATE.
 */
final class MaildirCopier {

    private MaildirCopier() {}

    static CopyResult copy(MaildirState from, SelectedMailbox src, UidSet uids, Mailbox target) throws MailStorageException {
        List<MessageRecord> records = new ArrayList<>();
        long bytes = 0;
        for (long uid : uids.stream().toArray()) {
            int seq = src.seq(uid);
            if (seq == 0) continue;
            MessageRecord r = src.record(seq);
            records.add(r);
            bytes += r.physicalSize();
        }
        List<Long> sourceUids = new ArrayList<>();
        List<Long> to = new ArrayList<>();
        if (target instanceof MaildirMailbox t) {
            t.storage().checkQuota(t.name(), bytes, records.size());
            MaildirState dst = t.checked();
            List<MaildirState.Incoming> batch = new ArrayList<>();
            List<Long> sources = new ArrayList<>();
            long copiedBytes = 0;
            try {
                for (MessageRecord r : records) {
                    Optional<Path> file = fileOf(from, r.uid());
                    if (file.isEmpty()) continue;
                    try {
                        batch.add(linkInto(t, dst, file.get(), r));
                    } catch (MessageExpungedException e) {
                        continue;
                    }
                    sources.add(r.uid());
                    copiedBytes += r.physicalSize();
                }
                if (batch.isEmpty()) return new CopyResult(dst.index.uidValidity(), sourceUids, to);
                List<Long> newUids = dst.deliverAll(batch);
                t.storage().quota().added(t.name(), copiedBytes, newUids.size());
                carryParsedData(from, sources, dst, newUids);
                sourceUids.addAll(sources);
                to.addAll(newUids);
                return new CopyResult(dst.index.uidValidity(), sourceUids, to);
            } finally {
                for (MaildirState.Incoming in : batch) {
                    try {
                        Files.deleteIfExists(in.tmpFile());
                    } catch (IOException ignored) {
                        // cleaned with tmp/ later
                    }
                }
            }
        }
        long validity = 0;
        for (MessageRecord r : records) {
            AppendResult a;
            try (InputStream in = src.openPhysical(r.uid())) {
                a = target.append(in, new AppendRequest(Optional.of(r.internalDate()), r.flags()));
            } catch (MessageExpungedException e) {
                continue;
            } catch (IOException e) {
                throw new MailStorageException("cannot copy message " + r.uid() + ": " + e.getMessage(), e);
            }
            validity = a.uidValidity();
            sourceUids.add(r.uid());
            to.add(a.uid());
        }
        return new CopyResult(validity, sourceUids, to);
    }

    /** The copies are the same bytes: their parsed message data is the originals'. */
    private static void carryParsedData(MaildirState from, List<Long> sources, MaildirState dst, List<Long> newUids) {
        ParsedMessageCache source = new ParsedMessageCache(from.index);
        ParsedMessageCache target = new ParsedMessageCache(dst.index);
        long sourceValidity = from.index.uidValidity();
        long targetValidity = dst.index.uidValidity();
        for (int i = 0; i < newUids.size(); i++) {
            target.copied(targetValidity, newUids.get(i), source, sourceValidity, sources.get(i));
        }
    }

    /** The current file of a message, or empty when it was expunged. */
    private static Optional<Path> fileOf(MaildirState state, long uid) {
        state.index.lock().lock();
        try {
            IndexRecord r = state.index.get(uid);
            return r == null ? Optional.empty() : Optional.of(state.file(r.location()));
        } finally {
            state.index.lock().unlock();
        }
    }

    /** Hard-links (or copies) a message into the target's tmp/ under a new name, ready for delivery. */
    private static MaildirState.Incoming linkInto(MaildirMailbox t, MaildirState dst, Path source, MessageRecord r)
            throws MailStorageException {
        MaildirFilename name = new MaildirFilename(
                MessageWriter.uniqueBase() + ",S=" + r.physicalSize() + ",W=" + r.virtualSize(), "");
        Path tmp = dst.paths.tmp().resolve(name.base());
        try {
            try {
                Files.createLink(tmp, source);
            } catch (NoSuchFileException e) {
                throw new MessageExpungedException(r.uid());
            } catch (FileSystemException | UnsupportedOperationException e) {
                try (InputStream in = java.nio.channels.Channels.newInputStream(
                        t.storage().creator().confinement().open(source, java.nio.file.StandardOpenOption.READ)); OutputStream out = t.storage().creator().newFile(tmp)) {
                    in.transferTo(out);
                }
                Files.setLastModifiedTime(tmp, FileTime.from(r.internalDate()));
            }
            return new MaildirState.Incoming(tmp, name, r.flags());
        } catch (NoSuchFileException e) {
            throw new MessageExpungedException(r.uid());
        } catch (IOException e) {
            throw new MailStorageException("cannot copy message " + r.uid() + ": " + e.getMessage(), e);
        }
    }
}
