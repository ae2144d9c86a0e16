package org.loftmail.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** {@link Mailbox#beginAppend()}'s fallback: messages staged in private temporary files, appended at commit. */
final class StagedAppendTransaction implements AppendTransaction {

    private record Staged(Path file, AppendRequest request) {}

    private final Mailbox mailbox;
    private final List<Staged> staged = new ArrayList<>();
    private boolean done;

    StagedAppendTransaction(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void add(InputStream message, AppendRequest request) throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        try {
            Path f = Files.createTempFile("loft-append", ".eml", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            staged.add(new Staged(f, request));
            try (OutputStream out = Files.newOutputStream(f)) {
                message.transferTo(out);
            }
        } catch (IOException e) {
            throw new MailStorageException("cannot stage message: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AppendResult> commit() throws MailStorageException {
        if (done) throw new IllegalStateException("transaction already finished");
        try {
            List<AppendResult> out = new ArrayList<>();
            for (Staged s : staged) {
                try (InputStream in = Files.newInputStream(s.file())) {
                    out.add(mailbox.append(in, s.request()));
                } catch (MailStorageException e) {
                    throw e;
                } catch (IOException e) {
                    throw new MailStorageException("cannot read staged message: " + e.getMessage(), e);
                }
            }
            return out;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        done = true;
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.file());
            } catch (IOException ignored) {
                // the temporary directory is cleaned by the system
            }
        }
        staged.clear();
    }
}
