package org.loftmail.mbox;

import java.time.Duration;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.index.ChangeFeed;

/**
 * While anyone listens to a mailbox (IDLE), checks the mbox file's stamp every {@link #INTERVAL} and tells the
 * listeners when another program (Postfix local(8), procmail, mutt) changed it; they then sync on their own
 * sessions. An mbox is one file, so a stat is the whole check (inotify on /var/mail would wake on every user's
 * delivery).
 */
final class MboxWatch implements ChangeFeed.Watch {

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final MboxState state;
    private Thread thread;

    MboxWatch(MboxState state) {
        this.state = state;
    }

    @Override
    public synchronized void start() {
        if (thread != null) return;
        thread = Thread.ofVirtual().name("mbox-watch").start(this::run);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) thread.interrupt();
        thread = null;
    }

    private void run() {
        boolean told = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            boolean changed = state.changedOnDisk();
            if (changed && !told) state.index().feed().publish(MailboxChange.Kind.EXTERNAL, UidSet.EMPTY);
            told = changed; // once per change: the listeners' sync takes a new stamp
        }
    }
}
