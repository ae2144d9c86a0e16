package org.loftmail.sieve.store;

import java.util.Optional;

/**
 * Where a user's personal scripts live, parsed from Dovecot's {@code sieve} setting (Pigeonhole 0.5), with the
 * paths still templates ({@code ~} and {@code %} variables are resolved per user by {@link SieveScriptStore#open}).
 *
 * <ul>
 * <li>{@code file:~/sieve;active=~/.dovecot.sieve} (and the same without {@code file:}): {@code ~/sieve} is the
 *     storage directory holding {@code NAME.sieve} files, {@code ~/.dovecot.sieve} the link to the active one.
 *     Without {@code active=} the active link is {@code ~/.dovecot.sieve}, as Pigeonhole's default.</li>
 * <li>When the path is an existing regular file (the plain-file form, {@code sieve = ~/.dovecot.sieve}), it is a
 *     single read-only script that is always active; ManageSieve cannot change it (as in Pigeonhole, which refuses
 *     to open such a storage for writing).</li>
 * <li>Legacy: with {@code sieve_dir} set and a {@code sieve} value without a storage type, {@code sieve} is the
 *     active link and {@code sieve_dir} the storage directory.</li>
 * <li>An empty {@code sieve} disables personal scripts.</li>
 * </ul>
 * Options: {@code active=}, {@code name=} (the script's name for the plain-file form), and {@code bindir=}, where
 * Pigeonhole keeps compiled binaries: Loft keeps compiled scripts in memory and writes no binaries, which is what
 * Pigeonhole does when the directory is not writable, so the option changes nothing and is accepted. Other storage
 * types ({@code dict:}, {@code ldap:}) and unknown options are refused.
 *
 * @param path the storage directory (or single script file) template
 * @param active the active link's path template
 * @param name the script name for the plain-file form, or empty for the file name without {@code .sieve}
 */
public record SieveLocation(String path, String active, Optional<String> name) {

    /** Pigeonhole's default active link path. */
    public static final String DEFAULT_ACTIVE = "~/.dovecot.sieve";

    public SieveLocation {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("Sieve storage location has no path");
        if (active == null || active.isEmpty()) active = DEFAULT_ACTIVE;
        name = name == null ? Optional.empty() : name;
    }

    /**
     * Parses {@code sieve} (and the legacy {@code sieve_dir}); empty when personal scripts are disabled.
     *
     * @throws IllegalArgumentException with a message fit for the configuration error
     */
    public static Optional<SieveLocation> parse(String sieve, String sieveDir) {
        String value = sieve == null ? "" : sieve.trim();
        String dir = sieveDir == null ? "" : sieveDir.trim();
        if (value.isEmpty()) {
            return dir.isEmpty() ? Optional.empty() : Optional.of(new SieveLocation(dir, DEFAULT_ACTIVE, Optional.empty()));
        }
        String[] parts = value.split(";", -1);
        String head = parts[0];
        boolean typed = false;
        int colon = head.indexOf(':');
        if (colon > 0 && head.substring(0, colon).chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            String type = head.substring(0, colon);
            if (!type.equals("file")) {
                throw new IllegalArgumentException("Sieve storage type '" + type + "' is not supported by Loft "
                        + "(only file: is)");
            }
            head = head.substring(colon + 1);
            typed = true;
        }
        if (head.isEmpty()) throw new IllegalArgumentException("Sieve storage location '" + value + "' has no path");
        String active = null;
        String name = null;
        for (int i = 1; i < parts.length; i++) {
            String opt = parts[i];
            if (opt.isEmpty()) continue;
            int eq = opt.indexOf('=');
            String key = eq < 0 ? opt : opt.substring(0, eq);
            String v = eq < 0 ? "" : opt.substring(eq + 1);
            switch (key) {
                case "active" -> active = requireValue(key, v);
                case "name" -> {
                    name = requireValue(key, v);
                    if (!ScriptNames.isValid(name)) {
                        throw new IllegalArgumentException("Sieve storage option name=" + name + ": "
                                + ScriptNames.problem(name).orElseThrow());
                    }
                }
                case "bindir" -> requireValue(key, v);
                default -> throw new IllegalArgumentException("Unknown option '" + key + "' in Sieve storage "
                        + "location '" + value + "'");
            }
        }
        if (!dir.isEmpty() && !typed && parts.length == 1) {
            // Pigeonhole's legacy pair: sieve is the active script, sieve_dir the storage
            return Optional.of(new SieveLocation(dir, head, Optional.empty()));
        }
        return Optional.of(new SieveLocation(head, active, Optional.ofNullable(name)));
    }

    private static String requireValue(String key, String v) {
        if (v.isEmpty()) throw new IllegalArgumentException("Sieve storage option " + key + "= needs a value");
        return v;
    }
}
