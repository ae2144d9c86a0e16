package org.loftmail.managesieve.command;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.loftmail.core.log.MailLog;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.sieve.store.SieveStoreException;

/**
 * The fixed answers to script-storage failures, with RFC 5804's response codes and Pigeonhole's texts. The store's
 * own message (which may name paths) goes only to the log.
 */
final class StoreAnswers {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StoreAnswers() {}

    /** {@code name}: the script the command is about, for Pigeonhole's "Sieve script `x' not found". */
    static void answer(ManageSieveContext ctx, SieveStoreException e, String what, String name) {
        switch (e.reason()) {
            case BAD_NAME -> refused(ctx, what, null, "Invalid script name `" + ArgCheck.shown(name) + "'.");
            case NOT_FOUND -> refused(ctx, what, "NONEXISTENT", "Sieve script `" + ArgCheck.shown(name) + "' not found");
            case EXISTS -> refused(ctx, what, "ALREADYEXISTS", "A sieve script with that name already exists.");
            case ACTIVE -> refused(ctx, what, "ACTIVE", "Cannot delete the active Sieve script.");
            case QUOTA_MAXSIZE -> ctx.writer().no("QUOTA/MAXSIZE", "Script is too large (max " + e.limit() + " bytes).");
            case QUOTA_MAXSCRIPTS -> ctx.writer().no("QUOTA/MAXSCRIPTS",
                    "Script count quota exceeded (max " + e.limit() + " scripts).");
            case QUOTA_MAXSTORAGE -> ctx.writer().no("QUOTA/MAXSTORAGE",
                    "Script storage quota exceeded (max " + e.limit() + " bytes).");
            case NOT_POSSIBLE -> {
                ctx.log().error(MailLog.sanitize(what + ": " + e.getMessage()));
                ctx.writer().no("This user cannot manage personal Sieve scripts.");
            }
            case TEMPORARY -> {
                ctx.log().error(MailLog.sanitize(what + ": " + e.getMessage()));
                ctx.writer().no("TRYLATER", internalError());
            }
        }
    }

    /** A refusal the user caused: answered, and logged at info as Pigeonhole does ("Failed to …: <reply>"). */
    private static void refused(ManageSieveContext ctx, String what, String code, String reply) {
        if (code == null) {
            ctx.writer().no(reply);
        } else {
            ctx.writer().no(code, reply);
        }
        ctx.log().info(MailLog.sanitize(what + ": " + reply));
    }

    /** Dovecot's internal-error text with the time, so an administrator can find the log line. */
    static String internalError() {
        return "Internal error occurred. Refer to server log for more information. [" + LocalDateTime.now().format(STAMP)
                + "]";
    }
}
