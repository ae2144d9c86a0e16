package org.loftmail.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The last warnings and errors the server logged, for {@code adm log errors} (Dovecot's log process keeps the last
 * 1000 for {@code doveadm log errors}). Attached to the root logger again after every logging (re)configuration.
 */
final class RecentErrors extends AppenderBase<ILoggingEvent> {

    static final int KEEP = 1000;
    private static final RecentErrors INSTANCE = new RecentErrors();

    private final Deque<String> lines = new ArrayDeque<>();
    private final MailLogLayout layout = new MailLogLayout("%b %d %H:%M:%S ");

    private RecentErrors() {
        setName("recent-errors");
    }

    /** Adds the collector to the logging configuration now in place. */
    static void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        INSTANCE.setContext(context);
        INSTANCE.layout.setContext(context);
        INSTANCE.layout.start();
        INSTANCE.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(INSTANCE.getName()) == null) {
            root.addAppender(INSTANCE);
        }
    }

    static List<String> lines() {
        synchronized (INSTANCE.lines) {
            return new ArrayList<>(INSTANCE.lines);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        String line = layout.doLayout(event).stripTrailing();
        synchronized (lines) {
            if (lines.size() == KEEP) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }
}
