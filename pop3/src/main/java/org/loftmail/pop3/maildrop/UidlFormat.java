package org.loftmail.pop3.maildrop;

import java.util.List;
import java.util.Map;
import org.loftmail.core.config.VariableExpander;

/**
 * {@code pop3_uidl_format}: a message's POP3 unique id from Dovecot's variables, so a mailbox Dovecot served keeps
 * its UIDLs and clients do not download everything again. {@code %u}/{@code %{uid}} is the IMAP UID,
 * {@code %v}/{@code %{uidvalidity}} the UIDVALIDITY, {@code %g}/{@code %{guid}} the message GUID; Dovecot's
 * default {@code %08Xu%08Xv} gives e.g. {@code 000000016b03bfa2} (the X modifier writes lower-case hex).
 * {@code %m} (mbox header MD5) and {@code %f} (Maildir file name) need backend details the storage API does not
 * expose, so they are refused at startup rather than silently expanded to nothing.
 */
public final class UidlFormat {

    /** The letters this expansion knows; %m and %f are left out so they are reported as unsupported. */
    static final Map<Character, String> SHORT_NAMES = Map.of('u', "uid", 'v', "uidvalidity", 'g', "guid");

    private final String template;

    public UidlFormat(String template) {
        validate(template);
        this.template = template;
    }

    /** Throws {@link IllegalArgumentException} with the setting's name when the template cannot be used. */
    public static void validate(String template) {
        if (!template.contains("%")) {
            throw new IllegalArgumentException("pop3_uidl_format setting doesn't contain any %variables");
        }
        List<String> unknown = expander(1, 1, "g").unknownVariables(template);
        for (String variable : unknown) {
            if (variable.equals("%m") || variable.equals("%{md5}")) {
                throw new IllegalArgumentException("pop3_uidl_format: Loft does not support %m (mbox header MD5) yet");
            }
            if (variable.equals("%f") || variable.equals("%{filename}")) {
                throw new IllegalArgumentException("pop3_uidl_format: Loft does not support %f (Maildir file name) yet");
            }
            throw new IllegalArgumentException("pop3_uidl_format: unknown variable " + variable + " (use %u, %v, %g)");
        }
    }

    public String template() {
        return template;
    }

    /** The UIDL of one message. */
    public String expand(long uid, long uidValidity, String guid) {
        return expander(uid, uidValidity, guid).expand(template);
    }

    private static VariableExpander expander(long uid, long uidValidity, String guid) {
        return VariableExpander.builder(SHORT_NAMES)
                .set("uid", Long.toString(uid))
                .set("uidvalidity", Long.toString(uidValidity))
                .set("guid", guid)
                .build();
    }
}
