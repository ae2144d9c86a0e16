package org.loftmail.auth;

/**
 * Turns the name a client typed into the name the drivers see, as Dovecot does: add
 * auth_default_realm when there is no '@', translate characters (auth_username_translation),
 * refuse characters outside auth_username_chars — before any driver, so SQL, PAM and file
 * paths never see them — then apply auth_username_format.
 */
public final class UsernameNormalizer {
    /** Longer names are refused outright (Dovecot's auth lines are 16 KB; no real name is this long). */
    public static final int MAX_LENGTH = 255;

    private final AuthSettings settings;
    private final boolean[] allowed;
    private final char[] translateFrom;
    private final char[] translateTo;

    public UsernameNormalizer(AuthSettings settings) {
        this.settings = settings;
        String chars = settings.usernameChars();
        if (chars.isEmpty()) {
            allowed = null;
        } else {
            allowed = new boolean[0x10000];
            chars.chars().forEach(c -> allowed[c] = true);
        }
        AuthTemplates.validate(settings.usernameFormat(), "auth_username_format");
        String t = settings.usernameTranslation();
        translateFrom = new char[t.length() / 2];
        translateTo = new char[t.length() / 2];
        for (int i = 0; i < translateFrom.length; i++) {
            translateFrom[i] = t.charAt(2 * i);
            translateTo[i] = t.charAt(2 * i + 1);
        }
    }

    /** The result: a name, or why it was refused (for the log; the client hears "authentication failed"). */
    public record Result(String user, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public Result normalize(String name, ClientInfo client) {
        if (name == null || name.isEmpty()) {
            return new Result(null, "Empty username");
        }
        if (name.length() > MAX_LENGTH) {
            return new Result(null, "Username too long");
        }
        String user = name;
        if (!settings.defaultRealm().isEmpty() && user.indexOf('@') < 0) {
            user = user + "@" + settings.defaultRealm();
        }
        StringBuilder b = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = translate(user.charAt(i));
            if (c == 0 || (allowed != null && !allowed[c]) || (allowed == null && (c < 32 || c == 127))) {
                return new Result(null, String.format(
                        "Username character disallowed by auth_username_chars: 0x%02x (username: %s)",
                        (int) c, LogSafe.text(name)));
            }
            b.append(c);
        }
        user = b.toString();
        if (!settings.usernameFormat().isEmpty()) {
            user = AuthTemplates.expand(settings.usernameFormat(), new AuthRequest(client, name, user), s -> s);
        }
        if (user.isEmpty()) {
            return new Result(null, "Empty username");
        }
        return new Result(user, null);
    }

    private char translate(char c) {
        for (int i = 0; i < translateFrom.length; i++) {
            if (translateFrom[i] == c) {
                return translateTo[i];
            }
        }
        return c;
    }
}
