package org.loftmail.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAPABILITY lists, in Dovecot's order: before login (greeting and CAPABILITY in the not-authenticated state)
 * and after (the tagged OK of LOGIN/AUTHENTICATE and CAPABILITY later). Only what Loft implements is listed.
 * IMAP4rev2 (RFC 9051, appendix A) sits next to IMAP4rev1: clients get rev2 after ENABLE IMAP4rev2, which
 * Dovecot 2.3 does not offer.
 */
final class Capabilities {

    private Capabilities() {}

    static List<String> preLogin(ImapContext ctx) {
        List<String> caps = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2", "SASL-IR", "ID", "ENABLE", "IDLE", "LITERAL+"));
        boolean secure = ctx.connection().isSecure();
        if (!secure && ctx.connection().canStartTls()) caps.add("STARTTLS");
        boolean plaintextAllowed = ctx.plaintextAllowed();
        if (!plaintextAllowed) caps.add("LOGINDISABLED");
        // plaintext mechanisms are left out where they may not be used, as Dovecot does next to LOGINDISABLED
        for (String m : ctx.services().auth().advertisedMechanisms(ctx.clientInfo())) {
            caps.add("AUTH=" + m);
        }
        return caps;
    }

    static List<String> postLogin(ImapContext ctx) {
        List<String> caps = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2", "SASL-IR", "ID", "ENABLE", "IDLE",
                "SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT", "MULTIAPPEND", "UNSELECT", "CHILDREN", "NAMESPACE", "UIDPLUS", "LIST-EXTENDED", "CONDSTORE", "QRESYNC", "ESEARCH", "ESORT", "SEARCHRES", "WITHIN",
                "LIST-STATUS", "BINARY", "MOVE", "STATUS=SIZE", "SPECIAL-USE", "CREATE-SPECIAL-USE"));
        if (quota(ctx)) caps.add("QUOTA"); // as Dovecot: only where a quota is configured (its imap_quota plugin)
        caps.add("LITERAL+");
        caps.add("COMPRESS=DEFLATE");
        caps.add("UNAUTHENTICATE"); // RFC 8437, beyond Dovecot 2.3
        long limit = ctx.settings().appendLimit();
        if (limit > 0) caps.add("APPENDLIMIT=" + limit); // RFC 7889: no limit, nothing to announce
        return caps;
    }

    private static boolean quota(ImapContext ctx) {
        try {
            return ctx.storage().quotaEnabled();
        } catch (org.loftmail.core.storage.MailStorageException e) {
            return false;
        }
    }

    static List<String> current(ImapContext ctx) {
        return ctx.state() == ImapState.NOT_AUTHENTICATED ? preLogin(ctx) : postLogin(ctx);
    }
}
