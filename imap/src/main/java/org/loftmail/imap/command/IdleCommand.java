package org.loftmail.imap.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.imap.Completion;
import org.loftmail.imap.ContinuationHandler;
import org.loftmail.imap.ImapCommand;
import org.loftmail.imap.ImapContext;
import org.loftmail.imap.Synchronizer;
import org.loftmail.imap.codec.ArgumentReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDLE (RFC 2177, RFC 9051 section 6.3.13). While idling, a change to the selected mailbox made in this process
 * (delivery, another session) wakes the session at once through the storage's change feed; changes by other
 * programs are found by a sync every {@code mailbox_idle_check_interval}; {@code * OK Still here} goes out every
 * {@code imap_idle_notify_interval}. The session holds no thread while idling.
 */
public final class IdleCommand implements ImapCommand {

    private static final Logger LOG = LoggerFactory.getLogger("imap");

    @Override
    public Completion execute(ImapContext ctx, String tag, ArgumentReader args) throws Exception {
        args.end();
        Synchronizer.sync(ctx, true);
        ctx.out().continuation("idling");
        Idling idling = new Idling(ctx, tag);
        ctx.continueWith(idling);
        idling.start();
        return null;
    }

    /** The IDLE in progress. */
    public static final class Idling implements ContinuationHandler {

        private final ImapContext ctx;
        private final String tag;
        private final List<ScheduledFuture<?>> timers = new ArrayList<>();
        private ListenerRegistration registration;
        private volatile boolean done;

        Idling(ImapContext ctx, String tag) {
            this.ctx = ctx;
            this.tag = tag;
        }

        @Override
        public String tag() {
            return tag;
        }

        void start() {
            ctx.connection().setIdleTimeout(Duration.ZERO);
            if (ctx.hasSelected()) {
                registration = ctx.selected().view().mailbox().addListener(change -> ctx.inSession(this::syncNow));
            }
            var timerService = ctx.timers();
            long notify = ctx.settings().idleNotifyInterval().toMillis();
            if (notify > 0) {
                timers.add(timerService.scheduleAtFixedRate(() -> ctx.inSession(this::stillHere), notify, notify,
                        TimeUnit.MILLISECONDS));
            }
            long check = ctx.settings().idleCheckInterval().toMillis();
            if (check > 0 && ctx.hasSelected()) {
                timers.add(timerService.scheduleAtFixedRate(() -> ctx.inSession(this::syncNow), check, check,
                        TimeUnit.MILLISECONDS));
            }
        }

        private void syncNow() {
            if (done || ctx.continuation() != this) return;
            try {
                if (Synchronizer.sync(ctx, true)) ctx.out().flush();
            } catch (Exception e) {
                LOG.warn("imap({}): sync in IDLE failed: {}", ctx.user(), e.toString());
            }
        }

        private void stillHere() {
            if (done || ctx.continuation() != this) return;
            ctx.out().untagged().atom("OK").sp().text("Still here").end();
            ctx.out().flush();
        }

        @Override
        public Completion onLine(byte[] line) {
            stop();
            String text = new String(line, StandardCharsets.US_ASCII);
            return text.equalsIgnoreCase("DONE") ? Completion.ok("Idle completed.") : Completion.bad("Expected DONE.");
        }

        /** As Dovecot: an over-long line ends IDLE like any line that is not DONE, and the next line is a command. */
        @Override
        public Completion onLineTooLong() {
            stop();
            return Completion.bad("Expected DONE.");
        }

        @Override
        public String disconnectedReason() {
            return "Disconnected in IDLE";
        }

        private void stop() {
            done = true;
            if (registration != null) registration.close();
            timers.forEach(t -> t.cancel(false));
            ctx.connection().setIdleTimeout(ctx.settings().autologout());
        }

        @Override
        public void abort() {
            stop();
        }
    }
}
