package org.loftmail.transport;

/**
 * A session that passes everything to another and runs {@code afterClose} once that one's {@link #onClose} has
 * returned (or thrown): how a wrapper learns that a session's own clean-up (closing its mailbox, logging its
 * end) is over, e.g. to retire a configuration or to let a test server stop only when nothing writes any more.
 */
public final class ForwardingSession implements Session {

    private final Session session;
    private final Runnable afterClose;

    public ForwardingSession(Session session, Runnable afterClose) {
        this.session = session;
        this.afterClose = afterClose;
    }

    @Override
    public void start() {
        session.start();
    }

    @Override
    public void onLine(byte[] line) {
        session.onLine(line);
    }

    @Override
    public void onLineTooLong() {
        session.onLineTooLong();
    }

    @Override
    public void onRawData(byte[] chunk, boolean last) {
        session.onRawData(chunk, last);
    }

    @Override
    public void onIdleTimeout(Connection connection) {
        session.onIdleTimeout(connection);
    }

    @Override
    public void onClose() {
        try {
            session.onClose();
        } finally {
            afterClose.run();
        }
    }
}
