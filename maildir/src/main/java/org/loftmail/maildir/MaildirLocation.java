package org.loftmail.maildir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code mail_location = maildir:<root>[:KEY=VALUE...]}: the root, INBOX's directory (default: the
 * root itself), where Loft's index files go ({@code INDEX=}, default beside the mail; {@code MEMORY} is not
 * supported), where control files (dovecot-uidlist, dovecot-keywords, subscriptions) go ({@code CONTROL=}),
 * the folder layout, the subscriptions file name ({@code SUBSCRIPTIONS=}) and whether names are stored in UTF-8
 * instead of modified UTF-7 ({@code UTF-8}). {@code ~/} is expanded with the home directory.
 */
public record MaildirLocation(
        Path root, Path inbox, Optional<Path> indexRoot, Optional<Path> controlRoot, Layout layout, String subscriptionsFile, boolean utf8) {

    public enum Layout {
        MAILDIRPP,
        FS
    }

    public static MaildirLocation parse(String location, Path home) {
        String spec = location;
        if (spec.startsWith("maildir:")) spec = spec.substring("maildir:".length());
        String[] parts = spec.split(":", -1);
        if (parts[0].isEmpty()) throw new IllegalArgumentException("mail_location has no Maildir path");
        Path root = expand(parts[0], home);
        Path inbox = null;
        Path index = null;
        Path control = null;
        Layout layout = Layout.MAILDIRPP;
        String subscriptions = "subscriptions";
        boolean utf8 = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            switch (key) {
                case "INBOX" -> inbox = expand(value, home);
                case "INDEX" -> {
                    if (value.equalsIgnoreCase("MEMORY")) throw new IllegalArgumentException("INDEX=MEMORY is not supported by Loft's Maildir");
                    index = expand(value, home);
                }
                case "CONTROL" -> control = expand(value, home);
                case "SUBSCRIPTIONS" -> {
                    if (value.isEmpty() || value.contains("/") || value.startsWith(".")) {
                        throw new IllegalArgumentException("SUBSCRIPTIONS= must be a plain file name");
                    }
                    subscriptions = value;
                }
                case "UTF-8" -> utf8 = true;
                case "LAYOUT" -> layout = switch (value.toLowerCase(Locale.ROOT)) {
                    case "maildir++" -> Layout.MAILDIRPP;
                    case "fs" -> Layout.FS;
                    default -> throw new IllegalArgumentException("unsupported Maildir LAYOUT=" + value);
                };
                default -> throw new IllegalArgumentException("unsupported mail_location option for maildir: " + key);
            }
        }
        return new MaildirLocation(root, inbox == null ? root : inbox, Optional.ofNullable(index), Optional.ofNullable(control), layout,
                subscriptions, utf8);
    }

    private static Path expand(String path, Path home) {
        if (path.isEmpty()) throw new IllegalArgumentException("empty path in mail_location");
        if (path.equals("~") || path.startsWith("~/")) {
            if (home == null) throw new IllegalArgumentException("mail_location uses ~ but the user has no home");
            return home.resolve(path.equals("~") ? "" : path.substring(2)).normalize();
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) throw new IllegalArgumentException("mail_location path must be absolute: " + path);
        return p.normalize();
    }
}
