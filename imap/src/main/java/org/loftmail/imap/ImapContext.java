package org.loftmail.imap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loftmail.auth.ClientInfo;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.ModifiedUtf7;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.Namespace;
import org.loftmail.imap.codec.ResponseWriter;
import org.loftmail.transport.Connection;

/**
 * One session's state as commands see it: the connection and its response writer, the login state (user and
 * storage), the selected mailbox, enabled extensions, and a command in progress that reads lines itself.
 */
public final class ImapContext {

    private final ImapServices services;
    private final Connection connection;
    private final ResponseWriter out;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private String user;
    private MailStorage storage;
    private SelectedState selected;
    private final Set<String> enabled = new HashSet<>();
    private ContinuationHandler continuation;
    private boolean closeRequested;
    private String userIpKey;
    private int failedLogins;
    private int badCommands;
    private String lastMailboxName;
    private String loginMethod;
    private String lastFailedUser;
    private String lastFailedMethod;
    private final long connectedAt = System.currentTimeMillis();
    private java.util.concurrent.locks.ReentrantLock sessionLock;

    ImapContext(ImapServices services, Connection connection) {
        this.services = services;
        this.connection = connection;
        this.out = new ResponseWriter(new org.loftmail.imap.codec.ResponseSink() {
            @Override
            public void write(byte[] bytes) {
                connection.write(bytes);
            }

            @Override
            public boolean flush() {
                return connection.flush();
            }
        });
    }

    ImapServices services() {
        return services;
    }

    public org.loftmail.auth.AuthService auth() {
        return services.auth();
    }

    public ImapSettings settings() {
        return services.settings();
    }

    public Connection connection() {
        return connection;
    }

    public ResponseWriter out() {
        return out;
    }

    public ImapState state() {
        return state;
    }

    public String user() {
        return user;
    }

    public MailStorage storage() {
        if (storage == null) throw new IllegalStateException("not logged in");
        return storage;
    }

    public SelectedState selected() {
        if (selected == null) throw new IllegalStateException("no mailbox selected");
        return selected;
    }

    public boolean hasSelected() {
        return selected != null;
    }

    /** Makes {@code s} the selected mailbox, closing the previous one. */
    public void select(SelectedState s) {
        unselect();
        selected = s;
        state = ImapState.SELECTED;
    }

    public void unselect() {
        if (selected != null) {
            selected.view().close();
            selected = null;
        }
        if (state == ImapState.SELECTED) state = ImapState.AUTHENTICATED;
    }

    /**
     * UNAUTHENTICATE (RFC 8437): the selected mailbox is closed (no expunge), the user's storage and per-user
     * connection slot released, the extensions ENABLEd reset; TLS and COMPRESS stay. The session is then as before
     * login.
     */
    public void unauthenticate() {
        unselect();
        SessionLog.disconnected(this, "Unauthenticated");
        storage.close();
        services.userIpLimiter().release(userIpKey);
        user = null;
        storage = null;
        loginMethod = null;
        userIpKey = null;
        enabled.clear();
        out.utf8(false);
        state = ImapState.NOT_AUTHENTICATED;
    }

    void loggedIn(String user, MailStorage storage, String method, String userIpKey) {
        this.user = user;
        this.storage = storage;
        this.loginMethod = method;
        this.userIpKey = userIpKey;
        this.state = ImapState.AUTHENTICATED;
    }

    String loginMethod() {
        return loginMethod;
    }

    String userIpKey() {
        return userIpKey;
    }

    /** Counts a BAD answer; returns the number in a row (an accepted command resets it). */
    int countBad(boolean bad) {
        badCommands = bad ? badCommands + 1 : 0;
        return badCommands;
    }

    int failedLogins() {
        return failedLogins;
    }

    void countFailedLogin(String user, String method) {
        failedLogins++;
        lastFailedUser = user;
        lastFailedMethod = method;
    }

    String lastFailedUser() {
        return lastFailedUser;
    }

    String lastFailedMethod() {
        return lastFailedMethod;
    }

    long connectedAt() {
        return connectedAt;
    }

    void sessionLock(java.util.concurrent.locks.ReentrantLock lock) {
        this.sessionLock = lock;
    }

    /**
     * Runs {@code task} as part of this session from another thread (IDLE notifications, timers): on a new virtual
     * thread, holding the session lock, and only while the connection is open.
     */
    public void inSession(Runnable task) {
        Thread.ofVirtual().name("imap-notify").start(() -> {
            sessionLock.lock();
            try {
                if (connection.isOpen()) task.run();
            } finally {
                sessionLock.unlock();
            }
        });
    }

    /** The service's timer thread (IDLE keepalives and checks); tasks must only hand work to {@link #inSession}. */
    public java.util.concurrent.ScheduledExecutorService timers() {
        return services.timers();
    }

    /** Extensions the client switched on with ENABLE, upper-cased ("IMAP4REV2", later "CONDSTORE"…). */
    public Set<String> enabled() {
        return enabled;
    }

    /** True once the client sent ENABLE IMAP4rev2 (RFC 9051): responses follow rev2 from then on. */
    public boolean imap4rev2() {
        return enabled.contains("IMAP4REV2");
    }

    /**
     * Switches on an extension the client named in ENABLE ({@code name} upper-cased). IMAP4rev2 also makes mailbox
     * names UTF-8 in both directions and lets response texts hold UTF-8 (RFC 9051 section 5.1 and appendix A).
     */
    public void enable(String name) {
        if (name.equals("CONDSTORE") || name.equals("QRESYNC")) enableCondstore(); // QRESYNC implies CONDSTORE
        enabled.add(name);
        if (name.equals("IMAP4REV2")) out.utf8(true);
    }

    /** True once CONDSTORE is on (RFC 7162 section 3.1: ENABLE, QRESYNC, or a CONDSTORE-enabling command). */
    public boolean condstore() {
        return enabled.contains("CONDSTORE");
    }

    /** True once the client sent ENABLE QRESYNC (RFC 7162 section 3.2.3). */
    public boolean qresync() {
        return enabled.contains("QRESYNC");
    }

    /**
     * Switches CONDSTORE on, explicitly or implicitly (RFC 7162 section 3.1: SELECT (CONDSTORE), STATUS
     * HIGHESTMODSEQ, FETCH MODSEQ or CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ). When it comes on with a
     * mailbox selected the client learns its HIGHESTMODSEQ at once, as Dovecot tells it.
     */
    public void enableCondstore() {
        if (!enabled.add("CONDSTORE")) return;
        if (selected != null) {
            long highest = selected.view().highestModSeq();
            out.untagged().atom("OK").sp().token("[HIGHESTMODSEQ " + highest + "]").sp().text("Highest").end();
            selected.reportedFullModSeq(highest);
        }
    }

    private boolean compressed;

    /** True once COMPRESS DEFLATE switched the connection to deflate (RFC 4978). */
    public boolean compressed() {
        return compressed;
    }

    public void compressionStarted() {
        compressed = true;
    }

    public List<String> capabilities() {
        return Capabilities.current(this);
    }

    public ContinuationHandler continuation() {
        return continuation;
    }

    public void continueWith(ContinuationHandler handler) {
        this.continuation = handler;
    }

    /** The connection closes once the current response is out (LOGOUT, fatal errors). */
    public void requestClose() {
        closeRequested = true;
        state = ImapState.LOGOUT;
    }

    boolean closeRequested() {
        return closeRequested;
    }

    /** The client as the auth service sees it. */
    public ClientInfo clientInfo() {
        ClientInfo c = new ClientInfo("imap", address(connection.localIp()), Math.max(0, connection.localPort()),
                address(connection.remoteIp()), Math.max(0, connection.remotePort()), connection.isSecure(), false,
                null, connection.sessionId());
        return c;
    }

    private static InetAddress address(String ip) {
        if (ip == null || ip.equals("local")) return null;
        try {
            return InetAddress.getByName(ip); // a literal address: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean plaintextAllowed() {
        return services.auth().plaintextAllowed(clientInfo());
    }

    /** The last mailbox name the client gave (as sent), for Dovecot's "Mailbox doesn't exist: NAME". */
    public String lastMailboxName() {
        return lastMailboxName;
    }

    /** Dovecot's answer to a name that is not modified UTF-7 (a plain NO, no response code). */
    public static final String NOT_MUTF7 = "Mailbox name is not valid mUTF-7";

    /** The IMAP4rev2 counterpart: the bytes were not UTF-8. */
    public static final String NOT_UTF8 = "Mailbox name is not valid UTF-8";

    /** A mailbox the client named (modified UTF-7 or, under IMAP4rev2, UTF-8 on the wire) and its namespace. */
    public record ResolvedName(Namespace namespace, MailboxName name) {}

    /**
     * Decodes a client's mailbox name and finds its namespace. Under IMAP4rev2 the name is UTF-8 as it stands, so
     * {@code &} is an ordinary character there (RFC 9051 section 5.1).
     *
     * @throws InvalidMailboxNameException for bad modified UTF-7 or UTF-8, or a name no namespace holds
     */
    public ResolvedName mailboxName(String wireName) {
        lastMailboxName = wireName;
        String unicode;
        if (imap4rev2()) {
            // the argument reader decoded the bytes as UTF-8; malformed sequences became U+FFFD
            if (wireName.indexOf('\uFFFD') >= 0) throw new InvalidMailboxNameException(NOT_UTF8);
            unicode = wireName;
        } else {
            try {
                unicode = ModifiedUtf7.decode(wireName);
            } catch (IllegalArgumentException e) {
                throw new InvalidMailboxNameException(NOT_MUTF7);
            }
        }
        Namespace best = null;
        MailboxName found = null;
        for (Namespace ns : storage().namespaces()) {
            Optional<MailboxName> n;
            try {
                n = ns.parse(unicode);
            } catch (InvalidMailboxNameException e) {
                continue;
            }
            if (n.isPresent() && (best == null || ns.prefix().length() > best.prefix().length())) {
                best = ns;
                found = n.get();
            }
        }
        if (found == null) {
            // Let the namespace explain why (empty level, too long...), else a generic refusal.
            for (Namespace ns : storage().namespaces()) {
                if (ns.prefix().isEmpty()) {
                    ns.parse(unicode);
                }
            }
            throw new InvalidMailboxNameException("Invalid mailbox name");
        }
        return new ResolvedName(best, found);
    }

    /**
     * A name for a mailbox about to be created or renamed to. Under IMAP4rev2 it must be Net-Unicode (NFC, no
     * control characters): RFC 9051 section 5.1 lets a server refuse other names, and refusing keeps one spelling
     * per mailbox (converting would owe the client a LIST with OLDNAME).
     */
    public ResolvedName newMailboxName(String wireName) {
        ResolvedName name = mailboxName(wireName);
        if (imap4rev2() && (!Normalizer.isNormalized(wireName, Normalizer.Form.NFC)
                || wireName.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0)))) {
            throw new InvalidMailboxNameException("Mailbox name is not Net-Unicode (NFC)");
        }
        return name;
    }

    /** The client-visible (Unicode) name of a mailbox in a namespace. */
    public static String clientName(Namespace ns, MailboxName name) {
        return ns.format(name);
    }
}
