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
import org.loftmail.core.config.LoggingSettings;
import org.loftmail.core.config.TypedSettings;
import org.loftmail.core.log.MailLog;
import org.slf4j.LoggerFactory;

/**
 * Routes log lines as Dovecot does: errors and warnings to log_path; informational lines to info_log_path;
 * debug lines to debug_log_path (each defaulting to the one before it). An empty path or "/dev/stderr" is
 * standard error; "syslog" is not supported yet and is rejected by the settings. Lines look like Dovecot's:
 * {@code Nov 23 04:11:47 imap-login: Info: Login: user=<jsmith>, …}.
 */
public final class LoggingSetup {

    private LoggingSetup() {}

    /** {@code timestamp} is Dovecot's log_timestamp, a strftime format ("%b %d %H:%M:%S "). */
    public record Paths(String logPath, String infoLogPath, String debugLogPath, boolean debug, String timestamp) {
        public Paths(String logPath, String infoLogPath, String debugLogPath, boolean debug) {
            this(logPath, infoLogPath, debugLogPath, debug, "%b %d %H:%M:%S ");
        }
    }

    /** Rejects what Loft cannot do yet, before anything is reconfigured. */
    public static void check(LoggingSettings settings, TypedSettings where) {
        for (String key : new String[] {"log_path", "info_log_path", "debug_log_path"}) {
            if (where.string(key).equals("syslog")) {
                throw where.invalid(key, "logging to syslog is not supported yet; use a file or /dev/stderr");
            }
        }
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

        if (errorTarget.equals(infoTarget) && infoTarget.equals(debugTarget)) {
            root.addAppender(appender(context, errorTarget, "all", threshold(context, Level.TRACE), paths.timestamp()));
            return;
        }
        root.addAppender(appender(context, errorTarget, "errors", threshold(context, Level.WARN), paths.timestamp()));
        root.addAppender(appender(context, infoTarget, "info", exactly(context, Level.INFO), paths.timestamp()));
        root.addAppender(appender(context, debugTarget, "debug", exactly(context, Level.DEBUG), paths.timestamp()));
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
        appender.addFilter(filter);
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
