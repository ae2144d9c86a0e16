package org.loftmail.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.LevelFilter;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.ConfigSection;
import org.loftmail.core.config.LoggingSettings;
import org.loftmail.core.config.SyslogFacility;
import org.loftmail.core.config.TypedSettings;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/**
 * Routes log lines as Dovecot does: errors and warnings to log_path; informational lines to info_log_path;
 * debug lines to debug_log_path (each defaulting to the one before it). An empty path or "/dev/stderr" is
 * standard error; "syslog" sends to the local syslog daemon with syslog_facility and instance_name as the tag
 * ({@link SyslogAppender}), and files and syslog mix freely. File lines look like Dovecot's:
 * {@code Nov 23 04:11:47 imap-login: Info: Login: user=<jsmith>, …}; syslog lines like Dovecot's syslog lines:
 * {@code <22>Nov 23 04:11:47 dovecot: imap-login: Login: user=<jsmith>, …}.
 */
public final class LoggingSetup {

    private LoggingSetup() {}

    /** The local syslog daemon's socket, where glibc's syslog(3) sends. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    /**
     * {@code timestamp} is Dovecot's log_timestamp, a strftime format ("%b %d %H:%M:%S "); the syslog fields apply
     * to paths that are "syslog" ({@code syslogSocket} is /dev/log but for tests).
     */
    public record Paths(String logPath, String infoLogPath, String debugLogPath, boolean debug, String timestamp,
            SyslogFacility facility, String syslogIdent, Path syslogSocket) {
        public Paths(String logPath, String infoLogPath, String debugLogPath, boolean debug) {
            this(logPath, infoLogPath, debugLogPath, debug, "%b %d %H:%M:%S ");
        }

        public Paths(String logPath, String infoLogPath, String debugLogPath, boolean debug, String timestamp) {
            this(logPath, infoLogPath, debugLogPath, debug, timestamp, SyslogFacility.MAIL, "dovecot", DEV_LOG);
        }

        public static Paths of(LoggingSettings s) {
            return new Paths(s.logPath(), s.infoLogPath(), s.debugLogPath(), s.debug(), s.logTimestamp(),
                    s.syslogFacility(), s.syslogIdent(), DEV_LOG);
        }

        /** The same routing with syslog lines sent to {@code socket} instead of /dev/log. */
        public Paths withSyslogSocket(Path socket) {
            return new Paths(logPath, infoLogPath, debugLogPath, debug, timestamp, facility, syslogIdent, socket);
        }
    }

    /** Rejects what Loft cannot do, before anything is reconfigured. */
    /** Where log lines go and how they look; Loft's server applies them once, for every service. */
    private static final List<String> LOGGING_KEYS = List.of("log_path", "info_log_path",
            "debug_log_path", "syslog_facility", "log_timestamp", "instance_name");

    /**
     * Refuses logging settings inside filters ({@code protocol imap { info_log_path = … }}): the server process
     * logs every protocol through one configuration, so such a value would be ignored. {@code protocol lda} is
     * the exception, since {@code loft lda} runs as its own process and reads its logging settings there.
     */
    public static void rejectFiltered(ConfigSection section) {
        for (String filter : List.of("protocol", "local", "remote", "local_name")) {
            for (ConfigSection f : section.children(filter)) {
                if (f.type().equals("protocol") && f.name().trim().equals("lda")) continue;
                for (String key : LOGGING_KEYS) {
                    f.explicit(key).ifPresent(v -> {
                        throw new ConfigException(v.location(), key + " inside "
                                + f.header() + " { } is not supported: the Loft server logs every protocol through"
                                + " the top-level logging settings (only protocol lda { } may set its own)");
                    });
                }
                rejectFiltered(f);
            }
        }
    }

    public static void check(LoggingSettings settings, TypedSettings where) {
        try {
            MailLogLayout.timestampFormat(settings.logTimestamp());
        } catch (IllegalArgumentException e) {
            throw where.invalid("log_timestamp", e.getMessage());
        }
    }

    public static void configure(Paths paths) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        String errorTarget = paths.logPath();
        String infoTarget = paths.infoLogPath().isEmpty() ? errorTarget : paths.infoLogPath();
        String debugTarget = paths.debugLogPath().isEmpty() ? infoTarget : paths.debugLogPath();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        Logger mail = context.getLogger(MailLog.LOGGER_ROOT);
        mail.setLevel(paths.debug() ? Level.DEBUG : Level.INFO);
        // Netty and the JDBC pool are chatty at INFO; their warnings still matter.
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);

        // One socket for every level that goes to syslog; the appenders close it when the next configure resets them.
        boolean anySyslog = Stream.of(errorTarget, infoTarget, debugTarget).anyMatch(LoggingSettings.SYSLOG::equals);
        SyslogSocket socket = anySyslog ? new SyslogSocket(paths.syslogSocket()) : null;
        if (errorTarget.equals(infoTarget) && infoTarget.equals(debugTarget)) {
            root.addAppender(route(context, paths, socket, errorTarget, "all", threshold(context, Level.TRACE)));
            return;
        }
        root.addAppender(route(context, paths, socket, errorTarget, "errors", threshold(context, Level.WARN)));
        root.addAppender(route(context, paths, socket, infoTarget, "info", exactly(context, Level.INFO)));
        root.addAppender(route(context, paths, socket, debugTarget, "debug", exactly(context, Level.DEBUG)));
    }

    private static Appender<ILoggingEvent> route(LoggerContext context, Paths paths, SyslogSocket socket,
            String target, String name, Filter<ILoggingEvent> filter) {
        if (!target.equals(LoggingSettings.SYSLOG)) {
            return appender(context, target, name, filter, paths.timestamp());
        }
        // Standard error stands in while the syslog socket cannot be reached.
        Appender<ILoggingEvent> fallback = appender(context, "", name + "-stderr", null, paths.timestamp());
        SyslogAppender syslog = new SyslogAppender(socket, paths.facility(), paths.syslogIdent(), fallback, System.err);
        syslog.setName(name);
        syslog.setContext(context);
        syslog.addFilter(filter);
        syslog.start();
        return syslog;
    }

    private static Appender<ILoggingEvent> appender(
            LoggerContext context, String target, String name, Filter<ILoggingEvent> filter, String timestamp) {
        MailLogLayout layout = new MailLogLayout(timestamp);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (target.isEmpty() || target.equals("/dev/stderr")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(target);
            file.setAppend(true);
            appender = file;
        }
        appender.setName(name);
        appender.setContext(context);
        appender.setEncoder(encoder);
        if (filter != null) {
            appender.addFilter(filter);
        }
        appender.start();
        return appender;
    }

    private static Filter<ILoggingEvent> threshold(LoggerContext context, Level level) {
        ThresholdFilter f = new ThresholdFilter();
        f.setLevel(level.levelStr);
        f.setContext(context);
        f.start();
        return f;
    }

    private static Filter<ILoggingEvent> exactly(LoggerContext context, Level level) {
        LevelFilter f = new LevelFilter();
        f.setLevel(level);
        f.setOnMatch(FilterReply.ACCEPT);
        f.setOnMismatch(FilterReply.DENY);
        f.setContext(context);
        f.start();
        return f;
    }
}
