package org.loftmail.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
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
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.LiteralStream;
import org.loftmail.transport.literal.WireSyntaxException;

/**
 * One APPEND in progress, fed by the session's literal assembler: the target mailbox, the messages saved so far
 * (for APPENDUID), and the save running for the current literal (a literal8 message is spooled first, see
 * {@link BinaryAppendSpool}). The first failure is remembered; later literals are then read and dropped (the
 * client sends non-synchronising literals whatever we answer) and the command ends with that failure. MULTIAPPEND
 * is all or nothing: a failure, a syntax error or a lost connection after some messages were saved takes them back.
 */
public final class AppendSession implements LiteralStream {

    private final ImapContext ctx;
    private final Consumer<Completion> answer;
    /** The options of the message whose literal is announced next. */
    private AppendCommand.MessageOptions nextOptions;
    private Mailbox target;
    private Completion failure;
    private final List<Long> uids = new ArrayList<>();
    private long uidValidity;
    private LiteralPipe pipe;
    private CompletableFuture<AppendResult> saving;
    /** The literal8 message being received, when the current message is one. */
    private BinaryAppendSpool spool;

    AppendSession(ImapContext ctx, AppendCommand.Prefix prefix, Consumer<Completion> answer) {
        this.ctx = ctx;
        this.answer = answer;
        this.nextOptions = prefix.first();
        try {
            ImapContext.ResolvedName name = ctx.mailboxName(prefix.mailbox());
            this.target = ctx.storage().mailbox(name.name());
        } catch (Exception e) {
            failure = StorageErrors.toCompletion(ctx, e, true);
        }
    }

    /**
     * A message literal was announced. Returns true when its data should be read and saved; false when it is
     * refused (the failure is answered at the end).
     */
    @Override
    public boolean accept(LiteralAnnouncement literal) {
        AppendCommand.MessageOptions options = nextOptions;
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
    @Override
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

    /** The line after a message: the end of the command, or the next message of a MULTIAPPEND. */
    @Override
    public StreamStep lineAfterLiteral(byte[] line) {
        if (line.length == 0) {
            answer.accept(complete());
            return new StreamStep.Done();
        }
        try {
            nextOptions = AppendCommand.nextMessage(line);
            return new StreamStep.Next(LiteralAnnouncement.at(line).orElseThrow());
        } catch (ImapSyntaxException | WireSyntaxException e) {
            rollBack();
            Completion bad = Completion.bad("Error in IMAP command APPEND: " + e.getMessage());
            return new StreamStep.Refuse(() -> answer.accept(bad));
        }
    }

    @Override
    public void refusedBeforeData() {
        answer.accept(complete());
    }

    /**
     * The command's end: APPENDUID for all saved messages, or the first failure. MULTIAPPEND is all or nothing
     * (RFC 3502 section 6.3.11): messages saved before a failure are expunged again.
     */
    private Completion complete() {
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

    /** The command is abandoned (the connection went away, an over-long line): nothing of it stays. */
    @Override
    public void abort() {
        if (pipe != null) {
            pipe.abort();
        }
        if (spool != null) {
            spool.close();
            spool = null;
        }
        rollBack();
    }
}
