package org.loftmail.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.loftmail.core.config.SyslogFacility;

/**
 * The datagrams one log event becomes on /dev/log, in the local form glibc's syslog(3) writes (RFC 3164 §4.1):
 * {@code <22>Nov 23 04:11:47 dovecot: imap-login: Login: user=<jsmith>, …}: no host name (the daemon adds it), the
 * day padded with a space, local time, no trailing newline. Like Dovecot, which opens syslog without LOG_PID, the tag
 * is instance_name alone, without {@code [pid]}. Control characters become '?', so nothing a client sent can end
 * a line early or forge another one. An exception adds one more datagram, {@code Raw backtrace: …} on one line, in
 * the shape of Dovecot's own backtrace lines.
 */
final class SyslogDatagram {

    /** Severities of RFC 3164 §4.1.1 / syslog.h, as Dovecot maps its levels (its fatal is crit, 2). */
    static final int ERR = 3;
    static final int WARNING = 4;
    static final int INFO = 6;
    static final int DEBUG = 7;

    /** rsyslog's default maximum message size is 8 KiB; a backtrace is cut well below it. */
    private static final int MAX_BACKTRACE_CHARS = 4000;
    /** Frames kept of each exception in the chain, so the causes fit too. */
    private static final int FRAMES_PER_EXCEPTION = 10;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    private SyslogDatagram() {}

    static int severity(Level level) {
        return switch (level.levelInt) {
            case Level.ERROR_INT -> ERR;
            case Level.WARN_INT -> WARNING;
            case Level.INFO_INT -> INFO;
            default -> DEBUG;
        };
    }

    /** The datagrams for one event: its line, then its backtrace if it carries an exception. */
    static List<byte[]> of(ILoggingEvent event, SyslogFacility facility, String ident, ZoneId zone) {
        Instant at = Instant.ofEpochMilli(event.getTimeStamp());
        int pri = facility.code() * 8 + severity(event.getLevel());
        LogLine line = LogLine.of(event);
        List<byte[]> out = new ArrayList<>(2);
        out.add(encode(pri, at, zone, ident, line.forSyslog()));
        if (event.getThrowableProxy() != null) {
            LogLine trace = new LogLine(line.prefixOrLoft(), event.getLevel(),
                    "Raw backtrace: " + backtrace(event.getThrowableProxy()));
            out.add(encode(pri, at, zone, ident, trace.forSyslog()));
        }
        return out;
    }

    static byte[] encode(int pri, Instant at, ZoneId zone, String ident, String text) {
        StringBuilder b = new StringBuilder(text.length() + ident.length() + 24);
        b.append('<').append(pri).append('>').append(TIME.format(at.atZone(zone))).append(' ')
                .append(ident).append(": ");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code java.io.IOException: boom -> org.x.Y.m(Y.java:12) -> … -> Caused by: …}: ten frames of each, a few KiB at most. */
    static String backtrace(IThrowableProxy thrown) {
        StringBuilder b = new StringBuilder(512);
        for (IThrowableProxy t = thrown; t != null && b.length() < MAX_BACKTRACE_CHARS; t = t.getCause()) {
            if (t != thrown) {
                b.append(" -> Caused by: ");
            }
            b.append(t.getClassName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            int own = frames.length - Math.max(0, t.getCommonFrames());
            for (int i = 0; i < Math.min(own, FRAMES_PER_EXCEPTION); i++) {
                b.append(" -> ").append(frames[i].getStackTraceElement());
            }
            if (own > FRAMES_PER_EXCEPTION) {
                b.append(" -> ... ").append(own - FRAMES_PER_EXCEPTION).append(" more");
            }
        }
        if (b.length() > MAX_BACKTRACE_CHARS) {
            b.setLength(MAX_BACKTRACE_CHARS);
            b.append("...");
        }
        return b.toString();
    }
}
