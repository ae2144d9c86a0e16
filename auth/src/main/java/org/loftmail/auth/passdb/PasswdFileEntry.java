package org.loftmail.auth.passdb;

import java.util.Map;
import java.util.Objects;

/**
 * One line of a passwd-file: {@code user:password:uid:gid:gecos:home:shell:extra_fields}.
 * Missing trailing columns are empty.
 */
public record PasswdFileEntry(String user, String password, String uid, String gid, String gecos,
                              String home, String shell, Map<String, String> extraFields) {
    public PasswdFileEntry {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        password = password == null ? "" : password;
        uid = uid == null ? "" : uid;
        gid = gid == null ? "" : gid;
        gecos = gecos == null ? "" : gecos;
        home = home == null ? "" : home;
        shell = shell == null ? "" : shell;
        extraFields = extraFields == null ? Map.of() : Map.copyOf(extraFields);
    }

    /** Parses one non-comment line; throws IllegalArgumentException on a line without a user. */
    public static PasswdFileEntry parse(String line) {
        String[] cols = line.split(":", 8);
        String extra = cols.length > 7 ? cols[7] : "";
        return new PasswdFileEntry(cols[0], col(cols, 1), col(cols, 2), col(cols, 3), col(cols, 4),
                col(cols, 5), col(cols, 6), org.loftmail.auth.Fields.parse(extra));
    }

    private static String col(String[] cols, int i) {
        return i < cols.length ? cols[i] : "";
    }

    /**
     * The userdb view: uid, gid and home from their columns, plus the userdb_ extra fields
     * with the prefix removed.
     */
    public Map<String, String> userdbFields() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!uid.isEmpty()) {
            out.put("uid", uid);
        }
        if (!gid.isEmpty()) {
            out.put("gid", gid);
        }
        if (!home.isEmpty()) {
            out.put("home", home);
        }
        extraFields.forEach((k, v) -> {
            if (k.startsWith("userdb_")) {
                out.put(k.substring("userdb_".length()), v);
            }
        });
        return out;
    }

    /** The passdb view: extra fields, with uid/gid/home also offered to prefetch as userdb_ fields. */
    public Map<String, String> passdbFields() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!uid.isEmpty()) {
            out.put("userdb_uid", uid);
        }
        if (!gid.isEmpty()) {
            out.put("userdb_gid", gid);
        }
        if (!home.isEmpty()) {
            out.put("userdb_home", home);
        }
        out.putAll(extraFields);
        return out;
    }
}
