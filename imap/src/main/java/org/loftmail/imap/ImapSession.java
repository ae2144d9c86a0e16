package org.loftmail.imap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.loftmail.imap.codec.CommandInput;
import org.loftmail.imap.codec.ImapSyntaxException;
import org.loftmail.imap.codec.LiteralAnnouncement;
import org.loftmail.imap.command.AppendCommand;
import org.loftmail.imap.command.AppendSession;
import org.loftmail.transport.Connection;
import org.loftmail.transport.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection side of an IMAP session: assembles commands from lines and literals (with the limits), streams
 * APPEND's message literals to storage, hands complete commands to the {@link Dispatcher}, and feeds lines to a
 * command in progress (IDLE, AUTHENTICATE). Every entry point holds the session lock, so IDLE notifications from
 * other threads never interleave with a command.
 */
final class ImapSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger("imap");

    private final ImapContext ctx;
    private final ReentrantLock lock = new ReentrantLock();

    // The command being assembled: its lines and the literals read so far.
    private final List<byte[]> lines = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private long assembled;
    private ByteArrayOutputStream literal;

    // A literal being read and dropped; then the rest of a refused command is skipped, then the reply is sent.
    private boolean discarding;
    private boolean skipRestOfCommand;
    private String pendingTag;
    private Completion pendingReply;

    private AppendSession append;
    private boolean appendLiteral;

    ImapSession(ImapServices services, Connection connection) {
        this.ctx = new ImapContext(services, connection);
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
            handleLine(line);
            if (ctx.closeRequested()) ctx.connection().close();
        } catch (RuntimeException e) {
            LOG.error("imap({}): session failed", ctx.user(), e);
            ctx.out().status(null, "BYE", null, StorageErrors.INTERNAL_ERROR);
            ctx.connection().close();
        } finally {
            lock.unlock();
        }
    }

    private void handleLine(byte[] line) {
        if (skipRestOfCommand) {
            skipLine(line);
            return;
        }
        if (append != null) {
            appendLine(line);
            return;
        }
        if (ctx.continuation() != null && lines.isEmpty()) {
            continuationLine(line);
            return;
        }
        lines.add(line);
        assembled += line.length;
        Optional<LiteralAnnouncement> lit;
        try {
            lit = LiteralAnnouncement.at(line);
        } catch (ImapSyntaxException e) {
            refuseCommand(line, Completion.bad("Error in IMAP command received by server: " + e.getMessage()));
            return;
        }
        if (lit.isEmpty()) {
            CommandInput input = new CommandInput(lines, literals);
            reset();
            Dispatcher.dispatch(ctx, input);
            return;
        }
        if (ctx.state() == ImapState.AUTHENTICATED || ctx.state() == ImapState.SELECTED) {
            Optional<AppendCommand.Prefix> prefix = AppendCommand.prefix(lines, literals);
            if (prefix.isPresent()) {
                reset();
                append = new AppendSession(ctx, prefix.get());
                startAppendLiteral(prefix.get().first(), lit.get());
                return;
            }
        }
        LiteralAnnouncement a = lit.get();
        if (a.binary()) {
            // RFC 3516 section 4.4: literal8 is only APPEND's message; refused before its data is read, as Dovecot
            refuseCommand(line, Completion.bad("Error in IMAP command " + commandName(lines.get(0))
                    + ": literal8 not allowed here"));
            return;
        }
        if (assembled + a.size() > ctx.settings().maxLineLength()) {
            refuseCommand(line, Completion.bad("Error in IMAP command received by server: Too long argument."));
            return;
        }
        if (!a.nonSynchronizing()) {
            ctx.out().continuation("OK");
            ctx.out().flush();
        }
        assembled += a.size();
        literal = new ByteArrayOutputStream((int) a.size());
        if (a.size() == 0) {
            literals.add(new byte[0]);
            literal = null;
        } else {
            ctx.connection().readRaw(a.size());
        }
    }

    /** Answers a command that cannot be taken; a non-synchronising literal it announced is read and dropped. */
    private void refuseCommand(byte[] line, Completion reply) {
        String tag = tagOf(lines.isEmpty() ? line : lines.get(0));
        reset();
        Optional<LiteralAnnouncement> lit = safeAnnouncement(line);
        if (lit.isPresent() && lit.get().nonSynchronizing()) {
            pendingTag = tag;
            pendingReply = reply;
            skipRestOfCommand = true;
            discard(lit.get().size());
        } else {
            reply(tag, reply);
        }
    }

    private void skipLine(byte[] line) {
        Optional<LiteralAnnouncement> lit = safeAnnouncement(line);
        if (lit.isPresent() && lit.get().nonSynchronizing()) {
            discard(lit.get().size());
            return;
        }
        skipRestOfCommand = false;
        reply(pendingTag, pendingReply);
        pendingTag = null;
        pendingReply = null;
    }

    private void discard(long size) {
        if (size == 0) return;
        discarding = true;
        ctx.connection().readRaw(size);
    }

    private void startAppendLiteral(AppendCommand.MessageOptions options, LiteralAnnouncement lit) {
        if (append.accept(options, lit)) {
            if (!lit.nonSynchronizing()) {
                ctx.out().continuation("OK");
                ctx.out().flush();
            }
            appendLiteral = true;
            ctx.connection().readRaw(lit.size());
        } else if (lit.nonSynchronizing()) {
            discard(lit.size());
        } else {
            AppendSession a = append;
            append = null;
            reply(a.tag(), a.failure());
        }
    }

    /** The line after a message literal: the end of APPEND, or the next message of a MULTIAPPEND. */
    private void appendLine(byte[] line) {
        AppendSession a = append;
        if (line.length == 0) {
            append = null;
            reply(a.tag(), a.complete());
            return;
        }
        try {
            AppendCommand.MessageOptions options = AppendCommand.nextMessage(line);
            startAppendLiteral(options, LiteralAnnouncement.at(line).orElseThrow());
        } catch (ImapSyntaxException e) {
            append = null;
            lines.clear();
            Completion bad = Completion.bad("Error in IMAP command APPEND: " + e.getMessage());
            Optional<LiteralAnnouncement> lit = safeAnnouncement(line);
            if (lit.isPresent() && lit.get().nonSynchronizing()) {
                pendingTag = a.tag();
                pendingReply = bad;
                skipRestOfCommand = true;
                discard(lit.get().size());
            } else {
                reply(a.tag(), bad);
            }
        }
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        lock.lock();
        try {
            if (discarding) {
                if (last) discarding = false;
            } else if (appendLiteral) {
                append.data(chunk, last);
                if (last) appendLiteral = false;
            } else if (literal != null) {
                literal.writeBytes(chunk);
                if (last) {
                    literals.add(literal.toByteArray());
                    literal = null;
                }
            }
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
        if (c != null) {
            ctx.continueWith(null);
            String tag = h.tag();
            Dispatcher.finish(ctx, tag, c, true);
        } else {
            ctx.out().flush();
        }
    }

    @Override
    public void onLineTooLong() {
        lock.lock();
        try {
            reset();
            append = null;
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
            if (append != null) append.abort();
            ContinuationHandler h = ctx.continuation();
            if (h != null) h.abort();
            if (ctx.user() != null) {
                if (ctx.state() == ImapState.LOGOUT) {
                    SessionLog.loggedOut(ctx);
                } else {
                    SessionLog.disconnected(ctx, h instanceof org.loftmail.imap.command.IdleCommand.Idling
                            ? "Disconnected in IDLE" : "Connection closed");
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

    private void reply(String tag, Completion c) {
        if (tag == null) {
            ctx.out().status(null, "BAD", null, "Error in IMAP command received by server.");
            Dispatcher.tooManyBad(ctx, true);
            ctx.out().flush();
        } else {
            Dispatcher.finish(ctx, tag, c, false);
        }
    }

    private void reset() {
        lines.clear();
        literals.clear();
        assembled = 0;
        literal = null;
    }

    private static Optional<LiteralAnnouncement> safeAnnouncement(byte[] line) {
        try {
            return LiteralAnnouncement.at(line);
        } catch (ImapSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The command name of a command's first line as error texts show it ({@code UID FETCH}); "received by server" if none. */
    private static String commandName(byte[] line) {
        try {
            var r = new org.loftmail.imap.codec.ArgumentReader(CommandInput.ofLine(line));
            r.tag();
            r.sp();
            String name = r.keyword();
            if (name.equals("UID") && r.peek() == ' ') {
                r.sp();
                name = name + " " + r.keyword();
            }
            return name;
        } catch (ImapSyntaxException e) {
            return "received by server";
        }
    }

    /** The tag of a line when it has a valid one, else null. */
    private static String tagOf(byte[] line) {
        try {
            return new org.loftmail.imap.codec.ArgumentReader(CommandInput.ofLine(line)).tag();
        } catch (ImapSyntaxException e) {
            return null;
        }
    }
}
