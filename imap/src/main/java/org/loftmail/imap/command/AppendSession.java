package org.loftmail.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.Optional;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.SelectedMailbox;
import org.slf4j.LoggerFactory;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.StorageErrors;
import org.loftmail.imap.codec.LiteralAnnouncement;

/**
 * One APPEND in progress: the target mailbox, the messages saved so far (for APPENDUID), and the save running
 * for the current literal (a literal8 message is spooled first, see {@link BinaryAppendSpool}). The first failure is remembered; later literals are then read and dropped (the client
 * sends non-synchronising literals whatever we answer) and the command ends with that failure.
 */
public final class AppendSession {

    private final ImapContext ctx;
    private final String tag;
    private Mailbox target;
    private Completion failure;
    private final List<Long> uids = new ArrayList<>();
    private long uidValidity;
    private LiteralPipe pipe;
    private CompletableFuture<AppendResult> saving;
    /** The literal8 message being received, when the current message is one. */
    private BinaryAppendSpool spool;

    public AppendSession(ImapContext ctx, AppendCommand.Prefix prefix) {
        this.ctx = ctx;
        this.tag = prefix.tag();
        try {
            ImapContext.ResolvedName name = ctx.mailboxName(prefix.mailbox());
            this.target = ctx.storage().mailbox(name.name());
        } catch (Exception e) {
            failure = StorageErrors.toCompletion(ctx, e, true);
        }
    }

    public String tag() {
        return tag;
    }

    /** The failure to answer now or at the end; null while all is well. */
    public Completion failure() {
        return failure;
    }

    /**
     * A message literal was announced. Returns true when its data should be read and saved; false when it is
     * refused (see {@link #failure()}).
     */
    public boolean accept(AppendCommand.MessageOptions options, LiteralAnnouncement literal) {
        if (failure != null) return false;
        long limit = ctx.settings().appendLimit();
        if (literal.size() == 0) {
            failure = Completion.no("Can't save a zero byte message.");
            return false;
        }
        if (limit > 0 && literal.size() > limit) {
            failure = Completion.no("TOOBIG", "Mail size exceeds APPENDLIMIT (" + limit + " bytes)");
            return false;
        }
        try {
            ctx.storage().checkQuota(target.name(), literal.size(), 1);
        } catch (Exception e) {
            failure = StorageErrors.toCompletion(ctx, e, true);
            return false;
        }
        AppendRequest request = new AppendRequest(options.date().map(d -> d.toInstant()), options.flags());
        if (literal.binary()) {
            try {
                spool = BinaryAppendSpool.create(request);
            } catch (IOException e) {
                failure = StorageErrors.toCompletion(ctx, e, true);
                return false;
            }
            return true;
        }
        LiteralPipe p = new LiteralPipe();
        CompletableFuture<AppendResult> f = new CompletableFuture<>();
        Thread.ofVirtual().name("append").start(() -> {
            try {
                f.complete(target.append(p, request));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            } finally {
                p.readerGone();
            }
        });
        this.pipe = p;
        this.saving = f;
        return true;
    }

    /** A piece of the current message; on the last piece, waits until it is saved. */
    public void data(byte[] chunk, boolean last) throws InterruptedException {
        if (spool != null) {
            spooled(chunk, last);
            return;
        }
        pipe.feed(chunk);
        if (!last) return;
        pipe.finish();
        try {
            AppendResult r = saving.get();
            uidValidity = r.uidValidity();
            uids.add(r.uid());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failure = StorageErrors.toCompletion(ctx, cause instanceof Exception ex ? ex : new RuntimeException(cause), true);
        } finally {
            pipe = null;
            saving = null;
        }
    }

    /** A piece of a literal8 message; on the last piece it is re-encoded where needed and saved. */
    private void spooled(byte[] chunk, boolean last) {
        BinaryAppendSpool sp = spool;
        try {
            sp.write(chunk);
            if (!last) return;
            spool = null;
            AppendResult r = sp.save(target);
            uidValidity = r.uidValidity();
            uids.add(r.uid());
        } catch (Exception e) {
            spool = null;
            sp.close();
            if (failure == null) failure = StorageErrors.toCompletion(ctx, e, true);
        }
    }

    /**
     * The command's end: APPENDUID for all saved messages, or the first failure. MULTIAPPEND is all or nothing
     * (RFC 3502 section 6.3.11): messages saved before a failure are expunged again.
     */
    public Completion complete() {
        if (failure != null) {
            rollBack();
            return failure;
        }
        UidSet set = UidSet.of(uids);
        return Completion.ok("APPENDUID " + uidValidity + " " + set, "Append completed.");
    }

    private void rollBack() {
        if (uids.isEmpty()) return;
        UidSet saved = UidSet.of(uids);
        try (SelectedMailbox view = target.select(false)) {
            view.store(saved, FlagChange.ADD, Flags.of(SystemFlag.DELETED), OptionalLong.empty());
            view.expunge(Optional.of(saved));
        } catch (Exception e) {
            LoggerFactory.getLogger("imap").warn("imap({}): could not undo a failed MULTIAPPEND: {}", ctx.user(), e.toString());
        }
        uids.clear();
    }

    /** The connection went away in the middle of a literal. */
    public void abort() {
        if (pipe != null) {
            pipe.abort();
        }
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}
