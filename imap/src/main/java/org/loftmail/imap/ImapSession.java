package org.loftmail.imap;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.imap.codec.ArgumentReader;
import org.loftmail.imap.codec.CommandInput;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;
import org.loftmail.transport.literal.LiteralAnnouncement;
import org.loftmail.transport.literal.LiteralAssembler;
import org.loftmail.transport.literal.LiteralPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection side of an IMAP session: a {@link LiteralAssembler} puts commands together from lines and
 * literals, with IMAP's answers ({@link #plan}: the command's row is looked up and its state checked before a
 * literal is asked for; rows that stream literals get them as a stream, the rest in memory within
 * {@code imap_max_line_length}); complete commands go to the {@link Dispatcher}, and lines to a command in
 * progress (IDLE, AUTHENTICATE). Every entry point holds the session lock, so IDLE notifications from other
 * threads never interleave with a command.
 */
final class ImapSession implements Session, LiteralAssembler.Protocol {

    private static final Logger LOG = LoggerFactory.getLogger("imap");

    private final ImapContext ctx;
    private final ReentrantLock lock = new ReentrantLock();
    private final LiteralAssembler assembler;

    ImapSession(ImapServices services, Connection connection) {
        this.ctx = new ImapContext(services, connection);
        this.assembler = new LiteralAssembler(this, connection::readRaw);
        ctx.sessionLock(lock);
    }

    ImapContext context() {
        return ctx;
    }

    ReentrantLock lock() {
        return lock;
    }

    @Override
    public void start() {
        lock.lock();
        try {
            Connection c = ctx.connection();
            c.setMaxLineLength(ctx.settings().maxLineLength());
            c.setIdleTimeout(ctx.settings().loginTimeout());
            ctx.out().status(null, "OK", "CAPABILITY " + String.join(" ", Capabilities.preLogin(ctx)), ctx.settings().greeting());
            ctx.out().flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onLine(byte[] line) {
        lock.lock();
        try {
            if (assembler.betweenCommands() && ctx.continuation() != null) {
                continuationLine(line);
            } else {
                assembler.onLine(line);
            }
            if (ctx.closeRequested()) ctx.connection().close();
        } catch (RuntimeException e) {
            LOG.error("imap({}): session failed", ctx.user(), e);
            ctx.out().status(null, "BYE", null, StorageErrors.INTERNAL_ERROR);
            ctx.connection().close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete(List<byte[]> lines, List<byte[]> literals) {
        Dispatcher.dispatch(ctx, new CommandInput(lines, literals));
    }

    /**
     * A literal was announced: refused at once when the command does not exist or is not valid in this state (no
     * {@code +} for a command that cannot run), streamed when its row says so, refused when it is a literal8
     * outside APPEND's message (RFC 3516 section 4.4, as Dovecot, before its data is read), else read into memory.
     */
    @Override
    public LiteralPlan plan(List<byte[]> lines, List<byte[]> literals, LiteralAnnouncement literal) {
        Dispatcher.Target.Found found;
        switch (Dispatcher.resolve(ctx, new ArgumentReader(CommandInput.ofLine(lines.get(0))))) {
            case Dispatcher.Target.Refused refused -> {
                return new LiteralPlan.Refuse(answer(refused.tag(), refused.completion()));
            }
            case Dispatcher.Target.Found f -> found = f;
        }
        String tag = found.tag();
        var stream = found.entry().streamer()
                .flatMap(s -> s.streamFrom(ctx, lines, literals, c -> Dispatcher.answer(ctx, tag, c)));
        if (stream.isPresent()) {
            return new LiteralPlan.Stream(stream.get());
        }
        if (literal.binary()) {
            return new LiteralPlan.Refuse(answer(tag,
                    Completion.bad("Error in IMAP command " + found.shown() + ": literal8 not allowed here")));
        }
        return new LiteralPlan.Buffer(ctx.settings().maxLineLength(),
                answer(tag, Completion.bad("Error in IMAP command received by server: Too long argument.")));
    }

    @Override
    public Runnable malformed(List<byte[]> lines, String fixedText) {
        return answer(tagOf(lines.get(0)), Completion.bad("Error in IMAP command received by server: " + fixedText));
    }

    @Override
    public void continueLiteral() {
        ctx.out().continuation("OK");
        ctx.out().flush();
    }

    /** The answer to a refused command, for when its remains have been read. */
    private Runnable answer(String tag, Completion c) {
        return () -> Dispatcher.answer(ctx, tag, c);
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        lock.lock();
        try {
            assembler.onRawData(chunk, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.connection().close();
        } finally {
            lock.unlock();
        }
    }

    private void continuationLine(byte[] line) {
        ContinuationHandler h = ctx.continuation();
        Completion c;
        try {
            c = h.onLine(line);
        } catch (Exception e) {
            c = StorageErrors.toCompletion(ctx, e);
        }
        endContinuation(h, c);
    }

    /** Ends the command in progress when {@code c} is its completion; null keeps it going. */
    private void endContinuation(ContinuationHandler h, Completion c) {
        if (c != null) {
            ctx.continueWith(null);
            Dispatcher.finish(ctx, h.tag(), c, true);
        } else {
            ctx.out().flush();
        }
    }

    @Override
    public void onLineTooLong() {
        lock.lock();
        try {
            ContinuationHandler h = ctx.continuation();
            Completion ends = assembler.betweenCommands() && h != null ? h.onLineTooLong() : null;
            if (ends != null) {
                // as Dovecot: the line ends the command in progress (IDLE: BAD Expected DONE), the next one runs
                endContinuation(h, ends);
                if (ctx.closeRequested()) ctx.connection().close();
                return;
            }
            assembler.abandonCommand();
            ctx.out().status(null, "BAD", null, "Error in IMAP command received by server: Too long argument.");
            Dispatcher.tooManyBad(ctx, true);
            ctx.out().flush();
            if (ctx.closeRequested()) ctx.connection().close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onIdleTimeout(Connection connection) {
        lock.lock();
        try {
            String user = ctx.user();
            ctx.out().status(null, "BYE", null, "Disconnected for inactivity.");
            ctx.out().flush();
            if (user == null) {
                SessionLog.loginDisconnected(ctx, "Inactivity");
            } else {
                SessionLog.disconnected(ctx, "Inactivity - no input for " + ctx.settings().autologout().toSeconds() + " secs");
            }
            ctx.requestClose();
            connection.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClose() {
        lock.lock();
        try {
            assembler.abandonCommand();
            ContinuationHandler h = ctx.continuation();
            if (h != null) h.abort();
            if (ctx.user() != null) {
                if (ctx.state() == ImapState.LOGOUT) {
                    SessionLog.loggedOut(ctx);
                } else {
                    SessionLog.disconnected(ctx, h != null ? h.disconnectedReason() : "Connection closed");
                }
            } else if (ctx.failedLogins() > 0) {
                SessionLog.authFailed(ctx, ctx.lastFailedUser(), ctx.lastFailedMethod(), ctx.connectedAt());
            } else if (ctx.state() != ImapState.LOGOUT) {
                SessionLog.loginDisconnected(ctx, "no auth attempts");
            }
            ctx.unselect();
            if (ctx.user() != null) {
                ctx.storage().close();
                ctx.services().userIpLimiter().release(ctx.userIpKey());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The tag of a line when it has a valid one, else null. */
    private static String tagOf(byte[] line) {
        try {
            return new ArgumentReader(CommandInput.ofLine(line)).tag();
        } catch (ImapSyntaxException e) {
            return null;
        }
    }
}
