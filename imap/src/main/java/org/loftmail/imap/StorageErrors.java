package org.loftmail.imap;

import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailboxExistsException;
import org.loftmail.core.storage.MailboxInUseException;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.MailboxOperationException;
import org.loftmail.core.storage.MessageExpungedException;
import org.loftmail.core.storage.OverQuotaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps storage failures to tagged responses with RFC 5530 codes and Dovecot's texts. The exception's own message
 * is logged, never sent (it may hold paths).
 */
public final class StorageErrors {

    private static final Logger LOG = LoggerFactory.getLogger("imap");

    public static final String INTERNAL_ERROR = "Internal error occurred. Refer to server log for more information.";

    private StorageErrors() {}

    public static Completion toCompletion(ImapContext ctx, Exception e) {
        return toCompletion(ctx, e, false);
    }

    /** {@code tryCreate}: a missing mailbox is answered [TRYCREATE] (APPEND, COPY and MOVE targets). */
    public static Completion toCompletion(ImapContext ctx, Exception e, boolean tryCreate) {
        return switch (e) {
            case MailboxNotFoundException nf -> Completion.no(tryCreate ? "TRYCREATE" : "NONEXISTENT",
                    ctx.lastMailboxName() == null ? "Mailbox doesn't exist." : "Mailbox doesn't exist: " + ctx.lastMailboxName());
            case MailboxExistsException ex -> Completion.no("ALREADYEXISTS", "Mailbox already exists");
            case MailboxInUseException busy -> {
                LOG.warn("imap({}): {}", ctx.user(), busy.getMessage());
                yield Completion.no("INUSE", "Timeout while waiting for lock");
            }
            case OverQuotaException q -> Completion.no("OVERQUOTA", "Quota exceeded (mailbox for user is full)");
            case MessageExpungedException x -> Completion.no("EXPUNGEISSUED", "Some of the requested messages no longer exist.");
            case MailboxOperationException op -> {
                LOG.info("imap({}): {}", ctx.user(), op.getMessage());
                yield Completion.no("CANNOT", "Operation not possible.");
            }
            case InvalidMailboxNameException bad -> ImapContext.NOT_MUTF7.equals(bad.getMessage())
                    ? Completion.no(ImapContext.NOT_MUTF7)
                    : Completion.no("CANNOT", "Invalid mailbox name: " + bad.getMessage());
            case MailStorageException other -> {
                LOG.error("imap({}): {}", ctx.user(), other.getMessage(), other);
                yield Completion.no("SERVERBUG", INTERNAL_ERROR);
            }
            default -> {
                LOG.error("imap({}): internal error", ctx.user(), e);
                yield Completion.no("SERVERBUG", INTERNAL_ERROR);
            }
        };
    }
}
