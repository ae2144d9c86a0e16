package org.loftmail.pop3.maildrop;

import java.util.Map;
import org.loftmail.core.config.VariableExpander;

/**
 * {@code pop3_uidl_format}: a message's POP3 unique id from Dovecot's variables, so a mailbox Dovecot served keeps
 * its UIDLs and clients do not download everything again. {@code %u}/{@code %{uid}} is the IMAP UID,
 * {@code %v}/{@code %{uidvalidity}} the UIDVALIDITY, {@code %g}/{@code %{guid}} the message GUID (for Maildir the
 * uidlist's G field, else the base file name), {@code %f}/{@code %{filename}} the backend's storage id (for
 * Maildir the base file name, without the {@code :2,} flags). Dovecot's default {@code %08Xu%08Xv} gives e.g.
 * {@code 000000016b03bfa2} (the X modifier writes lower-case hex). {@code %m} (the MD5 of an mbox message's
 * header) is refused at startup rather than silently expanded to nothing.
 */
public final class UidlFormat {

    /** The letters this expansion knows; %m is left out so it is reported as unsupported. */
    static final Map<Character, String> SHORT_NAMES =
            Map.of('u', "uid", 'v', "uidvalidity", 'g', "guid", 'f', "filename");

    private final String template;
    private final boolean usesFileName;

    public UidlFormat(String template) {
        validate(template);
        this.template = template;
        // the template reads %f when two different file names give different UIDLs
        this.usesFileName = !expand(1, 1, "g", "a").equals(expand(1, 1, "g", "b"));
    }

    /** Throws {@link IllegalArgumentException} with the setting's name when the template cannot be used. */
    public static void validate(String template) {
        if (!template.contains("%")) {
            throw new IllegalArgumentException("pop3_uidl_format setting doesn't contain any %variables");
        }
        for (String variable : expander(1, 1, "g", "f").unknownVariables(template)) {
            if (variable.equals("%m") || variable.equals("%{md5}")) {
                throw new IllegalArgumentException("pop3_uidl_format: %m (the MD5 of an mbox message's header) is "
                        + "not supported: Loft has no mbox storage yet (use %u, %v, %g or %f)");
            }
            throw new IllegalArgumentException("pop3_uidl_format: unknown variable " + variable
                    + " (use %u, %v, %g, %f)");
        }
    }

    public String template() {
        return template;
    }

    /** Whether the template needs the storage id ({@code %f}), which costs the backend a lookup. */
    public boolean usesFileName() {
        return usesFileName;
    }

    /** The UIDL of one message; {@code fileName} is only read when {@link #usesFileName()}. */
    public String expand(long uid, long uidValidity, String guid, String fileName) {
        return expander(uid, uidValidity, guid, fileName).expand(template);
    }

    private static VariableExpander expander(long uid, long uidValidity, String guid, String fileName) {
        return VariableExpander.builder(SHORT_NAMES)
                .set("uid", Long.toString(uid))
                .set("uidvalidity", Long.toString(uidValidity))
                .set("guid", guid)
                .set("filename", fileName)
                .build();
    }
}
