package org.loftmail.auth.socket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.loftmail.auth.AuthResult;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.ClientInfo;
import org.loftmail.auth.LogSafe;
import org.loftmail.auth.UserLookup;
import org.loftmail.core.text.WildcardMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth-userdb (master) socket protocol, as lines in and lines out: {@code USER} (userdb
 * lookup), {@code PASS} (passdb lookup without a password check) and {@code LIST} (iterate
 * users), what Dovecot's lda, doveadm and external delivery agents use.
 */
public final class UserdbProtocol {
    private static final Logger LOG = LoggerFactory.getLogger("auth");

    private final AuthService service;

    public UserdbProtocol(AuthService service) {
        this.service = service;
    }

    public List<String> handshake() {
        return List.of("VERSION\t1\t1", "SPID\t" + ProcessHandle.current().pid());
    }

    public List<String> onLineTooLong() {
        return List.of("FAIL\t0\treason=Request line too long");
    }

    public List<String> onLine(String line) {
        try {
            return handleLine(line);
        } catch (RuntimeException e) {
            // A bug must not take the connection (or the service) down; the client gets a FAIL.
            LOG.error("auth-userdb: request failed" , e);
            return List.of("FAIL\t" + safeId(line) + "\treason=Internal error");
        }
    }

    private static String safeId(String line) {
        String[] f = line.split("\t", 3);
        return f.length >= 2 && !f[1].isEmpty() && f[1].length() <= 10 && f[1].chars().allMatch(Character::isDigit) ? f[1] : "0";
    }

    private List<String> handleLine(String line) {
        List<String> f = Arrays.asList(line.split("\t", -1));
        String cmd = f.get(0);
        if (line.length() > AuthClientProtocol.MAX_LINE_LENGTH) {
            return List.of("FAIL\t" + id(f) + "\treason=Request line too long");
        }
        return switch (cmd) {
            case "VERSION", "CPID" -> List.of();
            case "USER" -> user(f);
            case "PASS" -> pass(f);
            case "LIST" -> list(f);
            case "CACHE-FLUSH" -> cacheFlush(f);
            default -> {
                LOG.warn("auth-userdb: unknown command '{}'", LogSafe.text(cmd));
                yield List.of();
            }
        };
    }

    private List<String> user(List<String> f) {
        String id = id(f);
        if (id.equals("0") || f.size() < 3) {
            return List.of("FAIL\t" + id + "\treason=Invalid USER request");
        }
        String user = TabEscape.unescape(f.get(2));
        ClientInfo client = client(f);
        return switch (service.lookupUser(client, user)) {
            case UserLookup.Found found -> {
                StringBuilder b = new StringBuilder("USER\t").append(id).append('\t').append(TabEscape.escape(found.info().user()));
                for (Map.Entry<String, String> e : found.info().fields().entrySet()) {
                    if (e.getKey().equals("user")) {
                        continue;
                    }
                    b.append('\t').append(TabEscape.escape(e.getKey())).append('=').append(TabEscape.escape(e.getValue()));
                }
                yield List.of(b.toString());
            }
            case UserLookup.NotFound nf -> List.of("NOTFOUND\t" + id);
            case UserLookup.TemporaryFailure tf -> List.of("FAIL\t" + id + "\treason=Temporary userdb lookup failure");
        };
    }

    private List<String> pass(List<String> f) {
        String id = id(f);
        if (id.equals("0") || f.size() < 3) {
            return List.of("FAIL\t" + id + "\treason=Invalid PASS request");
        }
        String user = TabEscape.unescape(f.get(2));
        return switch (service.lookupPassdb(client(f), user)) {
            case AuthResult.Success s -> {
                StringBuilder b = new StringBuilder("PASS\t").append(id).append("\tuser=").append(TabEscape.escape(s.user()));
                s.fields().forEach((k, v) -> b.append('\t').append(TabEscape.escape(k)).append('=').append(TabEscape.escape(v)));
                s.userdbFields().forEach((k, v) -> b.append("\tuserdb_").append(TabEscape.escape(k)).append('=').append(TabEscape.escape(v)));
                yield List.of(b.toString());
            }
            case AuthResult.Failure fail -> switch (fail.kind()) {
                case TEMPORARY -> List.of("FAIL\t" + id + "\treason=Temporary passdb lookup failure");
                case INVALID_CREDENTIALS, INVALID_USERNAME -> List.of("NOTFOUND\t" + id);
                default -> List.of("FAIL\t" + id + "\treason=" + TabEscape.escape(
                        fail.clientMessage() == null ? "User may not log in" : fail.clientMessage()));
            };
        };
    }

    private List<String> list(List<String> f) {
        String id = id(f);
        if (id.equals("0")) {
            return List.of("DONE\t0\tfail");
        }
        try {
            RequestParams params = RequestParams.parse(f.size() > 2 ? f.subList(2, f.size()) : List.of());
            String mask = params.get("user");
            WildcardMatcher glob = mask == null || mask.isEmpty() ? null : WildcardMatcher.glob(mask);
            List<String> out = new ArrayList<>();
            for (String u : service.iterateUsers()) {
                if (glob == null || glob.matches(u)) {
                    out.add("LIST\t" + id + "\t" + TabEscape.escape(u));
                }
            }
            out.add("DONE\t" + id);
            return out;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            LOG.error("auth-userdb: user listing failed: {}", e.getMessage());
            return List.of("DONE\t" + id + "\tfail");
        }
    }

    /** {@code CACHE-FLUSH <id> [user…]} → {@code OK <id> <count>}, as Dovecot's auth-master socket. */
    private List<String> cacheFlush(List<String> f) {
        String id = id(f);
        long count;
        if (f.size() <= 2) {
            count = service.flushCache();
        } else {
            count = 0;
            for (String user : f.subList(2, f.size())) {
                count += service.flushCache(TabEscape.unescape(user));
            }
        }
        LOG.info("auth: {} cache entries flushed", count);
        return List.of("OK\t" + id + "\t" + count);
    }

    private static ClientInfo client(List<String> f) {
        RequestParams p = RequestParams.parse(f.size() > 3 ? f.subList(3, f.size()) : List.of());
        String svc = p.get("service");
        if (svc == null || svc.isEmpty() || !svc.chars().allMatch(c -> c > 32 && c < 127) || svc.length() > 64) {
            svc = "auth-userdb";
        }
        return ClientInfo.local(svc);
    }

    private static String id(List<String> f) {
        if (f.size() < 2) {
            return "0";
        }
        String t = f.get(1);
        return !t.isEmpty() && t.length() <= 10 && t.chars().allMatch(Character::isDigit) ? t : "0";
    }
}
