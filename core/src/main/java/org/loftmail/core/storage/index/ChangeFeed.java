package org.loftmail.core.storage.index;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.ListenerRegistration;
import org.loftmail.core.storage.MailboxChange;
import org.loftmail.core.storage.MailboxListener;

/**
 * The in-process change feed of one mailbox: every session (IDLE) and delivery of the process that shares the
 * mailbox's index hears each change right after it is durable. Changes made by other programs reach it through
 * the backend's watcher as {@link MailboxChange.Kind#EXTERNAL}, which the backend starts for the first listener
 * and stops after the last.
 */
public final class ChangeFeed {

    /** What a backend does while anyone listens (Maildir watches cur/ and new/ for other programs' changes). */
    public interface Watch {
        void start();

        void stop();

        Watch NONE = new Watch() {
            @Override
            public void start() {}

            @Override
            public void stop() {}
        };
    }

    private final MailboxName mailbox;
    private final Watch watch;
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();

    public ChangeFeed(MailboxName mailbox, Watch watch) {
        this.mailbox = mailbox;
        this.watch = watch;
    }

    public ListenerRegistration add(MailboxListener listener) {
        synchronized (listeners) {
            listeners.add(listener);
            watch.start();
        }
        return () -> {
            synchronized (listeners) {
                if (listeners.remove(listener) && listeners.isEmpty()) watch.stop();
            }
        };
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Tells every listener; empty sets are not announced except for external changes (whose details come from sync). */
    public void publish(MailboxChange.Kind kind, UidSet uids) {
        if (uids.isEmpty() && kind != MailboxChange.Kind.EXTERNAL) return;
        MailboxChange c = new MailboxChange(mailbox, kind, uids);
        for (MailboxListener l : listeners) {
            try {
                l.changed(c);
            } catch (RuntimeException e) {
                // a broken listener must not break the writer
            }
        }
    }
}
