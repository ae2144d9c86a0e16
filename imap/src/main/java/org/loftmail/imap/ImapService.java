package org.loftmail.imap;

import org.loftmail.core.work.WorkBudget;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.loftmail.auth.AuthService;
import org.loftmail.transport.Connection;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.LinePauser;
import org.loftmail.transport.ProtocolService;
import org.loftmail.transport.Session;

/**
 * The IMAP service (RFC 3501 IMAP4rev1 with the extensions in {@link Capabilities}). Bind it to the {@code imap}
 * and {@code imaps} listeners of a {@link org.loftmail.transport.NetServer}; STARTTLS is offered wherever the
 * listener has a TLS context.
 *
 * <p>Wiring (done by the server module):
 * <pre>
 * new ImapService(imapSettings, authService, (login, client) -&gt; openStorage(login, client))
 * </pre>
 * where the opener does the userdb lookup and opens the user's {@code mail_location} through the storage registry. Close the service at
 * shutdown (it owns the IDLE timer thread).
 */
public final class ImapService implements ProtocolService, AutoCloseable {

    private final ImapServices services;

    /**
     * @param settings   the IMAP settings ({@link ImapSettings#defaults()} are Dovecot's)
     * @param auth       checks LOGIN passwords and runs AUTHENTICATE's SASL mechanisms ({@code auth_mechanisms})
     * @param storage    opens a logged-in user's mail
     */
    public ImapService(ImapSettings settings, AuthService auth, UserStorageOpener storage) {
        this(settings, auth, storage, WorkBudget.COMMAND_LIMIT);
    }

    /** With another work budget per command than {@link WorkBudget#COMMAND_LIMIT} (tests that reach it quickly). */
    ImapService(ImapSettings settings, AuthService auth, UserStorageOpener storage, long commandWorkLimit) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
        this.services = new ImapServices(settings, auth, storage,
                new ConnectionLimiter(0, settings.maxUserIpConnections()), timers, new CommandTable(), commandWorkLimit);
    }

    @Override
    public String name() {
        return "imap";
    }

    @Override
    public Session newSession(Connection connection) {
        return new ImapSession(services, connection);
    }

    @Override
    public int maxLineLength() {
        return services.settings().maxLineLength();
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return "* BYE Too many connections, try again later.\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Literals switch the decoder to raw reads; STARTTLS switches it to TLS, COMPRESS to deflate; AUTHENTICATE/IDLE
     * read lines.
     */
    @Override
    public LinePauser linePauser() {
        return LinePauser.literalsAnd("STARTTLS", "COMPRESS");
    }

    @Override
    public void close() {
        services.timers().shutdownNow();
    }
}
