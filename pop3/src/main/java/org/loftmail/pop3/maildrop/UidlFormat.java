package org.loftmail.pop3.maildrop;

import java.util.Map;
import org.loftmail.core.config.VariableExpander;

/**
 * {@code pop3_uidl_format}: a message's POP3 unique id from Dovecot's variables, so a mailbox Dovecot served keeps
 * its UIDLs and clients do not download everything again. {@code %u}/{@code %{uid}} is the IMAP UID,
 * {@code %v}/{@code %{uidvalidity}} the UIDVALIDITY, {@code %g}/{@code %{guid}} the message GUID (for Maildir the
 * uidlist's G field, else the base file name), {@code %f}/{@code %{filename}} the backend's storage id (for
 * Maildir the base file name, without the {@code :2,} flags). Dovecot's default {@code %08Xu%08Xv} gives e.g.
 * {@code 000000016b03bfa2} (the X modifier writes lower-case hex). {@code %m}/{@code %{md5}} is the MD5 of an mbox
 * message's header as Dovecot computes it; a storage without one (Maildir) refuses the listing, as Dovecot does.
 */
public final class UidlFormat {

    /** The letters this expansion knows. */
    static final Map<Character, String> SHORT_NAMES =
            Map.of('u', "uid", 'v', "uidvalidity", 'g', "guid", 'f', "filename", 'm', "md5");

    private final String template;
    private final boolean usesFileName;
    private final boolean usesMd5;

    public UidlFormat(String template) {
        validate(template);
        this.template = template;
        // the template reads %f (%m) when two different file names (MD5s) give different UIDLs
        this.usesFileName = !expand(1, 1, "g", "a", "m").equals(expand(1, 1, "g", "b", "m"));
        this.usesMd5 = !expand(1, 1, "g", "f", "a").equals(expand(1, 1, "g", "f", "b"));
    }

    /** Throws {@link IllegalArgumentException} with the setting's name when the template cannot be used. */
    public static void validate(String template) {
        if (!template.contains("%")) {
            throw new IllegalArgumentException("pop3_uidl_format setting doesn't contain any %variables");
        }
        for (String variable : expander(1, 1, "g", "f", "m").unknownVariables(template)) {
            throw new IllegalArgumentException("pop3_uidl_format: unknown variable " + variable
                    + " (use %u, %v, %g, %f, %m)");
        }
    }

    public String template() {
        return template;
    }

    /** Whether the template needs the storage id ({@code %f}), which costs the backend a lookup. */
    public boolean usesFileName() {
        return usesFileName;
    }

    /** Whether the template needs the header MD5 ({@code %m}). */
    public boolean usesMd5() {
        return usesMd5;
    }

    /** The UIDL of one message; {@code fileName} is only read when {@link #usesFileName()}. */
    public String expand(long uid, long uidValidity, String guid, String fileName) {
        return expand(uid, uidValidity, guid, fileName, "");
    }

    /** The UIDL of one message; {@code md5} is only read when {@link #usesMd5()}. */
    public String expand(long uid, long uidValidity, String guid, String fileName, String md5) {
        return expander(uid, uidValidity, guid, fileName, md5).expand(template);
    }

    private static VariableExpander expander(long uid, long uidValidity, String guid, String fileName, String md5) {
        return VariableExpander.builder(SHORT_NAMES)
                .set("uid", Long.toString(uid))
                .set("uidvalidity", Long.toString(uidValidity))
                .set("guid", guid)
                .set("filename", fileName)
                .set("md5", md5)
                .build();
    }
}
