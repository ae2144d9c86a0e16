package org.loftmail.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One login attempt or lookup as it travels through the passdb and userdb chains: who asks (the
 * client), for which user, and the fields the drivers have returned so far. Not shared between
 * threads: one request is handled by one thread at a time.
 */
public final class AuthRequest {
    private final ClientInfo client;
    private final String originalUser;
    private String user;
    private String masterUser;
    private String mechanism = "";
    private final Map<String, String> passdbFields = new LinkedHashMap<>();
    private final Map<String, String> userdbFields = new LinkedHashMap<>();
    private String password;
    private boolean authenticated;
    private boolean passdbSucceeded;

    public AuthRequest(ClientInfo client, String originalUser, String user) {
        this.client = Objects.requireNonNull(client, "client");
        this.originalUser = Objects.requireNonNull(originalUser, "originalUser");
        this.user = Objects.requireNonNull(user, "user");
    }

    public ClientInfo client() {
        return client;
    }

    /** The user name exactly as the client sent it. */
    public String originalUser() {
        return originalUser;
    }

    /** The user name after translation, realm and format; drivers may change it with {@code user=}. */
    public String user() {
        return user;
    }

    public void setUser(String value) {
        this.user = Objects.requireNonNull(value, "user");
    }

    /** The master user logging in as {@link #user()}, or null. */
    public String masterUser() {
        return masterUser;
    }

    public void setMasterUser(String value) {
        this.masterUser = value;
    }

    public String mechanism() {
        return mechanism;
    }

    public void setMechanism(String value) {
        this.mechanism = value == null ? "" : value;
    }

    /** Extra fields the passdbs returned (nopassword, allow_nets, proxy…), without the userdb_ ones. */
    public Map<String, String> passdbFields() {
        return passdbFields;
    }

    /** Fields for the userdb, gathered from userdb_ prefixed passdb fields (what prefetch returns). */
    public Map<String, String> userdbFields() {
        return userdbFields;
    }

    /** The plaintext password (the %w variable), or null. Never logged. */
    public String password() {
        return password;
    }

    public void setPassword(String value) {
        this.password = value;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void setAuthenticated(boolean value) {
        this.authenticated = value;
    }

    /** A passdb already confirmed this user exists (a login, not a bare userdb lookup). */
    public boolean passdbSucceeded() {
        return passdbSucceeded;
    }

    public void setPassdbSucceeded(boolean value) {
        this.passdbSucceeded = value;
    }

    /** The part of the user name before '@'. */
    public String username() {
        int at = user.lastIndexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    /** The part of the user name after '@', or empty. */
    public String domain() {
        int at = user.lastIndexOf('@');
        return at < 0 ? "" : user.substring(at + 1);
    }

    /** Adds driver fields: userdb_ ones go to the userdb side, the rest to the passdb side. */
    public void addDriverFields(Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("userdb_")) {
                userdbFields.put(key.substring("userdb_".length()), e.getValue());
            } else {
                passdbFields.put(key, e.getValue());
            }
        }
    }

    /** "driver(user,rip)" or "driver(user,rip,<session>)", the prefix of Dovecot's auth log lines. */
    public String logPrefix(String driver) {
        StringBuilder b = new StringBuilder(driver).append('(').append(LogSafe.text(user));
        if (client.remoteIp() != null) {
            b.append(',').append(client.remoteIpText());
        }
        if (client.session() != null) {
            b.append(",<").append(LogSafe.text(client.session())).append('>');
        }
        if (masterUser != null) {
            b.append(",master=").append(LogSafe.text(masterUser));
        }
        return b.append(')').toString();
    }
}
