package org.loftmail.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.loftmail.core.config.SyslogFacility;

/**
 * Sends log lines to the local syslog daemon (log_path, info_log_path or debug_log_path = syslog).
 *
 * <p>No service thread waits on syslog: a daemon that does not keep up gets its lines dropped and counted, and the
 * next line that gets through is preceded by one warning saying how many were lost. While the socket cannot be
 * reached at all (no /dev/log: a container, a CI machine, the daemon restarting) lines go to standard error in
 * the file form instead, after one notice saying so; they go back to syslog once it answers again (ADR 0110).
 */
final class SyslogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final SyslogSocket socket;
    private final SyslogFacility facility;
    private final String ident;
    private final Appender<ILoggingEvent> fallback;
    private final PrintStream notices;
    private final ZoneId zone = ZoneId.systemDefault();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedUnreported = new AtomicLong();
    private final AtomicBoolean unreachable = new AtomicBoolean();

    SyslogAppender(SyslogSocket socket, SyslogFacility facility, String ident, Appender<ILoggingEvent> fallback,
            PrintStream notices) {
        this.socket = socket;
        this.facility = facility;
        this.ident = ident;
        this.fallback = fallback;
        this.notices = notices;
    }

    /** Lines dropped because the daemon did not take them in time, since this appender started. */
    long dropped() {
        return dropped.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        reportDrops();
        for (byte[] datagram : SyslogDatagram.of(event, facility, ident, zone)) {
            switch (socket.send(datagram)) {
                case SENT -> {
                    if (unreachable.compareAndSet(true, false)) {
                        notices.println("loft: Info: syslog socket " + socket.path() + " reached again; log lines go there");
                    }
                }
                case FULL -> {
                    dropped.incrementAndGet();
                    droppedUnreported.incrementAndGet();
                }
                case UNREACHABLE -> {
                    if (!isStarted()) {
                        return; // stopped under us by a reload; the new configuration's appenders take over
                    }
                    if (unreachable.compareAndSet(false, true)) {
                        notices.println("loft: Warning: syslog socket " + socket.path() + " cannot be reached ("
                                + socket.problem() + "); log lines go to standard error until it can");
                    }
                    fallback.doAppend(event);
                    return; // the whole event went to the fallback, its backtrace too
                }
            }
        }
    }

    /** Before the next line, one warning with the count of lines lost since the last one that got through. */
    private void reportDrops() {
        if (droppedUnreported.get() == 0) {
            return;
        }
        long lost = droppedUnreported.getAndSet(0);
        if (lost > 0) {
            byte[] notice = SyslogDatagram.encode(facility.code() * 8 + SyslogDatagram.WARNING, Instant.now(), zone,
                    ident, "loft: Warning: " + lost + " log line(s) dropped: the syslog daemon did not keep up");
            if (socket.send(notice) != SyslogSocket.Sent.SENT) {
                droppedUnreported.addAndGet(lost); // say it with the next line that gets through
            }
        }
    }

    @Override
    public void start() {
        if (!fallback.isStarted()) {
            fallback.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        socket.close();
        fallback.stop();
    }
}
