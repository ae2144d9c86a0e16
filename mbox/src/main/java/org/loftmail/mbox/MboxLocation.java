package org.loftmail.mbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code mail_location = mbox:<root>[:KEY=VALUE...]} as Dovecot accepts it for mbox: the folder root
 * ({@code ~/mail}), INBOX's file ({@code INBOX=/var/mail/%u}; default {@code <root>/inbox}), where index files go
 * ({@code INDEX=}; default: a {@code .imap} directory at every level, as Dovecot keeps them), where control files
 * go ({@code CONTROL=}; the {@code .subscriptions} file), {@code LAYOUT=fs} (the only layout mbox has),
 * {@code SUBSCRIPTIONS=} and {@code UTF-8}. {@code ~/} is expanded with the home directory. {@code INDEX=MEMORY}
 * is refused: Loft's index is a file (it would be a setting accepted and ignored).
 */
public record MboxLocation(Path root, Path inbox, Optional<Path> indexRoot, Optional<Path> controlRoot,
        String subscriptionsFile, boolean utf8) {

    public static MboxLocation parse(String location, Path home) {
        String spec = location;
        if (spec.startsWith("mbox:")) spec = spec.substring("mbox:".length());
        String[] parts = spec.split(":", -1);
        if (parts[0].isEmpty()) throw new IllegalArgumentException("mail_location has no mbox root directory");
        Path root = expand(parts[0], home);
        Path inbox = null;
        Path index = null;
        Path control = null;
        String subscriptions = ".subscriptions";
        boolean utf8 = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            switch (key) {
                case "INBOX" -> inbox = expand(value, home);
                case "INDEX" -> {
                    if (value.equalsIgnoreCase("MEMORY")) throw new IllegalArgumentException("INDEX=MEMORY is not supported by Loft's mbox");
                    index = expand(value, home);
                }
                case "CONTROL" -> control = expand(value, home);
                case "SUBSCRIPTIONS" -> {
                    if (value.isEmpty() || value.contains("/")) throw new IllegalArgumentException("SUBSCRIPTIONS= must be a plain file name");
                    subscriptions = value;
                }
                case "UTF-8" -> utf8 = true;
                case "LAYOUT" -> {
                    if (!value.equalsIgnoreCase("fs")) throw new IllegalArgumentException("unsupported mbox LAYOUT=" + value + " (mbox has only LAYOUT=fs)");
                }
                default -> throw new IllegalArgumentException("unsupported mail_location option for mbox: " + key);
            }
        }
        return new MboxLocation(root, inbox == null ? root.resolve("inbox") : inbox, Optional.ofNullable(index),
                Optional.ofNullable(control), subscriptions, utf8);
    }

    private static Path expand(String path, Path home) {
        if (path.isEmpty()) throw new IllegalArgumentException("empty path in mail_location");
        if (path.equals("~") || path.startsWith("~/")) {
            if (home == null || home.toString().isEmpty()) throw new IllegalArgumentException("mail_location uses ~ but the user has no home");
            return home.resolve(path.equals("~") ? "" : path.substring(2)).normalize();
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) throw new IllegalArgumentException("mail_location path must be absolute: " + path);
        return p.normalize();
    }
}
