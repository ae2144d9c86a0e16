package org.loftmail.smtp.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of {@code MAIL FROM:} and {@code RCPT TO:} (RFC 5321 section 4.1.2): a path in angle brackets and
 * {@code KEYWORD[=value]} parameters. {@code address} is the mailbox without brackets and without a source route;
 * empty for the null reverse-path {@code <>}. Parameter keywords are upper case.
 */
public record PathArgument(String address, Map<String, String> params) {

    /** RFC 5321 section 4.5.3.1.3: a path is at most 256 octets. */
    public static final int MAX_PATH = 256;

    public PathArgument {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses {@code FROM:<a@b> SIZE=10} (with {@code prefix} "FROM:") or {@code TO:<a@b>}. Spaces after the colon are
     * tolerated (Dovecot's whitespace-before-path workaround); a bare address without brackets is not.
     */
    public static PathArgument parse(String arguments, String prefix, boolean nullPathAllowed) throws SyntaxException {
        return parse(arguments, prefix, nullPathAllowed, false);
    }

    /**
     * As {@link #parse(String, String, boolean)}; with {@code domainOptional} a path may be a bare local part
     * ({@code RCPT TO:<jsmith>}), which Dovecot's LMTP accepts for recipients and looks up as the user name.
     */
    public static PathArgument parse(String arguments, String prefix, boolean nullPathAllowed, boolean domainOptional)
            throws SyntaxException {
        if (arguments.length() < prefix.length()
                || !arguments.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid parameters"));
        }
        String rest = arguments.substring(prefix.length()).stripLeading();
        if (rest.isEmpty() || rest.charAt(0) != '<') {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " path: missing '<'"));
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " path: missing '>'"));
        }
        String inner = rest.substring(1, close);
        if (inner.length() > MAX_PATH) {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Path too long"));
        }
        String address = stripSourceRoute(inner);
        if (address.isEmpty()) {
            if (!nullPathAllowed) {
                throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " path: empty"));
            }
        } else {
            validateMailbox(address, prefix, domainOptional);
        }
        Map<String, String> params = parseParams(rest.substring(close + 1));
        return new PathArgument(address, params);
    }

    private static String what(String prefix) {
        return prefix.equalsIgnoreCase("FROM:") ? "FROM" : "TO";
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** {@code @a,@b:user@d} → {@code user@d} (RFC 5321 appendix C: source routes are ignored). */
    private static String stripSourceRoute(String inner) {
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            return colon < 0 ? inner : inner.substring(colon + 1);
        }
        return inner;
    }

    private static void validateMailbox(String address, String prefix, boolean domainOptional)
            throws SyntaxException {
        int at = lastUnquotedAt(address);
        boolean localPartOnly = at < 0 && domainOptional;
        if (!localPartOnly && (at <= 0 || at == address.length() - 1)) {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " address"));
        }
        boolean quoted = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c > 0x7e) {
                throw new SyntaxException(SmtpReply.of(553, "5.6.7", "Non-ASCII addresses are not supported"));
            }
            if (c < 0x20 || c == 0x7f) {
                throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " address"));
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (!quoted && (c == ' ' || c == '<' || c == '>' || c == ',' || c == ';')) {
                throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + what(prefix) + " address"));
            }
        }
    }

    static int lastUnquotedAt(String address) {
        boolean quoted = false;
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == '@' && !quoted) {
                at = i;
            }
        }
        return at;
    }

    private static Map<String, String> parseParams(String text) throws SyntaxException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String word : text.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            String key = (eq < 0 ? word : word.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*") || params.containsKey(key)) {
                throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid parameters"));
            }
            params.put(key, value);
        }
        return params;
    }

    public String param(String key) {
        return params.get(key);
    }
}
