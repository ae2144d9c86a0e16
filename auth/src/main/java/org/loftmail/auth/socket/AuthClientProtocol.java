package org.loftmail.auth.socket;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.IpAddresses;
import org.loftmail.auth.LogSafe;
import org.loftmail.auth.SaslSession;
import org.loftmail.auth.sasl.SaslMechanisms;
import org.loftmail.auth.sasl.SaslMechanism;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dovecot's auth client protocol (version 1.2) for one connection, as lines in and lines out,
 * with no sockets: the handshake, then AUTH / CONT / CANCEL requests answered with CONT, OK
 * or FAIL. Lines are without their LF. Bad input gets a FAIL with a reason and the connection
 * goes on; only an incompatible VERSION ends it. Calls block (they run the passdbs, and a failure waits
 * auth_failure_delay). Requests with different ids may run at the same time ({@link #requestId}), as Dovecot
 * answers them: one failed login must not hold the others a client multiplexes over the connection.
 */
public final class AuthClientProtocol {
    private static final Logger LOG = LoggerFactory.getLogger("auth");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Dovecot's limit for one auth protocol line. */
    public static final int MAX_LINE_LENGTH = 16384;
    /** Unfinished requests one connection may hold (Postfix has one at a time). */
    static final int MAX_PENDING = 100;

    private final AuthService service;
    private final long connectionId;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean disconnected;
    private volatile long clientPid;

    /** An exchange waiting for the client's CONT. */
    private record Pending(SaslSession session, boolean finalResponseOk, AuthResult.Success awaitingAck) {}

    public AuthClientProtocol(AuthService service, long connectionId) {
        this.service = service;
        this.connectionId = connectionId;
    }

    /** What the server sends on connect, all at once. */
    public List<String> handshake() {
        List<String> out = new ArrayList<>();
        out.add("VERSION\t1\t2");
        for (SaslMechanism m : service.mechanisms()) {
            out.add(SaslMechanisms.mechLine(m));
        }
        out.add("SPID\t" + ProcessHandle.current().pid());
        out.add("CUID\t" + connectionId);
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        out.add("COOKIE\t" + HexFormat.of().formatHex(cookie));
        out.add("DONE");
        return out;
    }

    /** True once the protocol wants the connection closed (incompatible client). */
    public boolean closed() {
        return closed;
    }

    /** The client's pid from CPID, or 0. */
    public long clientPid() {
        return clientPid;
    }

    /** A line the transport cut off because it exceeded even its own limit. */
    public List<String> onLineTooLong() {
        LOG.warn("auth client: line too long (more than {} bytes)", MAX_LINE_LENGTH);
        return List.of("FAIL\t0\treason=Request line too long");
    }

    public List<String> onLine(String line) {
        try {
            return handleLine(line);
        } catch (RuntimeException e) {
            // A bug must not take the connection (or the service) down; the client gets a FAIL.
            LOG.error("auth client: request failed" , e);
            return List.of("FAIL\t" + safeId(line) + "\treason=Internal error");
        }
    }

    private static String safeId(String line) {
        String[] f = line.split("\t", 3);
        return f.length >= 2 && !f[1].isEmpty() && f[1].length() <= 10 && f[1].chars().allMatch(Character::isDigit) ? f[1] : "0";
    }

    private List<String> handleLine(String line) {
        if (closed) {
            return List.of();
        }
        List<String> fields = Arrays.asList(line.split("\t", -1));
        String command = fields.get(0);
        if (line.length() > MAX_LINE_LENGTH) {
            return List.of(fail(idText(fields), null, null, "Request line too long"));
        }
        return switch (command) {
            case "VERSION" -> version(fields);
            case "CPID" -> {
                if (fields.size() >= 2 && fields.get(1).matches("[0-9]{1,10}")) {
                    clientPid = Long.parseLong(fields.get(1));
                }
                yield List.of();
            }
            case "AUTH" -> auth(fields);
            case "CONT" -> cont(fields);
            case "CANCEL" -> {
                Long id = parseId(fields);
                if (id != null) {
                    pending.remove(id);
                }
                yield List.of();
            }
            default -> {
                LOG.warn("auth client: unknown command '{}'", LogSafe.text(command));
                yield List.of();
            }
        };
    }

    /** The connection went away: abandon unfinished exchanges (and any a running request would add). */
    public void onClose() {
        disconnected = true;
        pending.clear();
    }

    /**
     * The request a line belongs to ({@code AUTH}, {@code CONT} and {@code CANCEL} carry its id), or empty for the
     * connection-level lines (VERSION, CPID, junk). Lines of one request must run in order; lines of different
     * requests may run concurrently.
     */
    public static Optional<Long> requestId(String line) {
        if (!line.startsWith("AUTH\t") && !line.startsWith("CONT\t") && !line.startsWith("CANCEL\t")) {
            return Optional.empty();
        }
        String[] f = line.split("\t", 3);
        return Optional.ofNullable(parseId(Arrays.asList(f)));
    }

    private List<String> version(List<String> fields) {
        if (fields.size() < 2 || !fields.get(1).equals("1")) {
            LOG.error("Authentication client not compatible with this server (mixed old and new binaries?)");
            closed = true;
        }
        return List.of();
    }

    private List<String> auth(List<String> fields) {
        Long id = parseId(fields);
        if (id == null) {
            return List.of(fail(idText(fields), null, null, "Invalid request id"));
        }
        if (pending.containsKey(id)) {
            pending.remove(id);
            return List.of(fail(id.toString(), null, null, "Request id already in use"));
        }
        if (fields.size() < 3 || fields.get(2).isEmpty()) {
            return List.of(fail(id.toString(), null, null, "Mechanism missing"));
        }
        String mech = fields.get(2);
        RequestParams params = RequestParams.parse(fields.subList(3, fields.size()));
        String svc = params.get("service");
        if (svc == null || svc.isEmpty() || !svc.chars().allMatch(c -> c > 32 && c < 127) || svc.length() > 64) {
            return List.of(fail(id.toString(), null, null, "Service parameter missing or invalid"));
        }
        ClientInfo client = clientInfo(svc, params);
        Optional<SaslSession> session = service.startSasl(client, mech);
        if (session.isEmpty()) {
            LOG.info("auth client: unsupported mechanism '{}' (rip={})", LogSafe.text(mech), client.remoteIpText());
            return List.of(fail(id.toString(), null, null, "Unsupported authentication mechanism"));
        }
        Optional<byte[]> initial = Optional.empty();
        if (params.has("resp")) {
            byte[] decoded = decodeBase64(params.get("resp"));
            if (decoded == null) {
                return List.of(fail(id.toString(), null, null, "Invalid base64 data in initial response"));
            }
            initial = Optional.of(decoded);
        }
        if (pending.size() >= MAX_PENDING) {
            return List.of(fail(id.toString(), null, null, "Too many unfinished requests"));
        }
        SaslSession s = session.get();
        return reply(id, s, params.has("final-resp-ok"), s.start(initial));
    }

    private List<String> cont(List<String> fields) {
        Long id = parseId(fields);
        if (id == null) {
            return List.of(fail(idText(fields), null, null, "Invalid request id"));
        }
        Pending p = pending.remove(id);
        if (p == null) {
            return List.of(fail(id.toString(), null, null, "Unknown request id"));
        }
        byte[] data = decodeBase64(fields.size() >= 3 ? fields.get(2) : "");
        if (data == null) {
            p.session().cancel();
            return List.of(fail(id.toString(), null, null, "Invalid base64 data in continued response"));
        }
        if (p.awaitingAck() != null) {
            // The client acknowledged the mechanism's final data; that completes a success.
            return List.of(ok(id, p.awaitingAck(), Optional.empty()));
        }
        return reply(id, p.session(), p.finalResponseOk(), p.session().respond(data));
    }

    private List<String> reply(long id, SaslSession session, boolean finalRespOk, SaslSession.Reply reply) {
        return switch (reply) {
            case SaslSession.Reply.Challenge c -> {
                remember(id, new Pending(session, finalRespOk, null));
                yield List.of("CONT\t" + id + "\t" + Base64.getEncoder().encodeToString(c.data()));
            }
            case SaslSession.Reply.Done d -> switch (d.result()) {
                case AuthResult.Success s -> {
                    if (d.additionalData().isPresent() && !finalRespOk) {
                        remember(id, new Pending(session, false, s));
                        yield List.of("CONT\t" + id + "\t" + Base64.getEncoder().encodeToString(d.additionalData().get()));
                    }
                    yield List.of(ok(id, s, d.additionalData()));
                }
                case AuthResult.Failure f -> List.of(failFor(id, f));
            };
        };
    }

    private void remember(long id, Pending p) {
        if (!disconnected) {
            pending.put(id, p);
        }
    }

    private static String ok(long id, AuthResult.Success s, Optional<byte[]> finalData) {
        StringBuilder b = new StringBuilder("OK\t").append(id).append("\tuser=").append(TabEscape.escape(s.user()));
        if (s.masterUser() != null) {
            b.append("\tauth_user=").append(TabEscape.escape(s.masterUser()));
        }
        finalData.ifPresent(data -> b.append("\tresp=").append(Base64.getEncoder().encodeToString(data)));
        return b.toString();
    }

    static String failFor(long id, AuthResult.Failure f) {
        String code = null;
        String reason = f.clientMessage();
        switch (f.kind()) {
            case TEMPORARY -> code = "temp_fail";
            case DISABLED -> code = "user_disabled";
            case PASSWORD_EXPIRED -> code = "pass_expired";
            case NOT_AUTHORIZED -> code = "authz_fail";
            case PLAINTEXT_DISABLED -> reason = "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.";
            case INVALID_USERNAME -> reason = "Invalid username";
            case MALFORMED -> reason = reason == null ? "Invalid authentication data" : reason;
            default -> { }
        }
        return fail(Long.toString(id), f.user(), code, reason);
    }

    private static String fail(String id, String user, String code, String reason) {
        StringBuilder b = new StringBuilder("FAIL\t").append(id);
        if (user != null) {
            b.append("\tuser=").append(TabEscape.escape(user));
        }
        if (code != null) {
            b.append("\tcode=").append(code);
            if (code.equals("temp_fail")) {
                b.append("\ttemp");
            }
        }
        if (reason != null) {
            b.append("\treason=").append(TabEscape.escape(reason));
        }
        return b.toString();
    }

    private static ClientInfo clientInfo(String svc, RequestParams params) {
        InetAddress lip = params.has("lip") ? IpAddresses.tryParseLiteral(params.get("lip")) : null;
        InetAddress rip = params.has("rip") ? IpAddresses.tryParseLiteral(params.get("rip")) : null;
        boolean secured = params.has("secured");
        String cert = params.has("valid-client-cert") ? params.get("cert_username") : null;
        String session = params.get("session");
        return new ClientInfo(svc, lip, params.port("lport"), rip, params.port("rport"), secured, false,
                cert == null || cert.isEmpty() ? null : cert,
                session == null || session.isEmpty() ? null : LogSafe.text(session));
    }

    private static Long parseId(List<String> fields) {
        if (fields.size() < 2) {
            return null;
        }
        String t = fields.get(1);
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long v = Long.parseLong(t);
        return v > 0xffffffffL ? null : v;
    }

    /** The id as the client sent it when it is a number, else 0 (so the reply can't carry junk). */
    private static String idText(List<String> fields) {
        Long id = parseId(fields);
        return id == null ? "0" : id.toString();
    }

    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
