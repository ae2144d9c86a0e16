package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.core.delivery.FilterContext;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.FilterException;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.RecipientAddress;
import org.loftmail.core.delivery.DeliveryMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.InvalidMailboxNameException;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.Mailbox;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.Namespace;
import org.loftmail.core.storage.OverQuotaException;
import org.loftmail.core.log.MailLog;

/**
 * The delivery path LMTP and lda share: recipient check (userdb, optional quota) → filter (Sieve, or keep) →
 * durable saves → one outcome per recipient. The message is spooled and its header read once by the caller
 * ({@link DeliveryMessage}); each recipient's copy gets its own trace header fields on top.
 *
 * <p>Thread-safe: one instance serves every session; each call works on its own storage handle.
 */
public final class MailDelivery {


    private final RecipientDirectory directory;
    private final MailStorageRegistry storages;
    private final DeliverySettings settings;
    private final DeliveryFilter filter;
    private final String filterName;
    private final MailSender sender;
    private final UserConcurrency concurrency;
    /** Set until the first delivery has warned that `sieve` in mail_plugins does nothing yet. */
    private final java.util.concurrent.atomic.AtomicBoolean warnNoSieve;

    /**
     * @param directory  userdb lookups
     * @param storages   opens each recipient's storage
     * @param settings   the lda/lmtp settings
     * @param filter     decides the actions ({@link DeliveryFilter#KEEP_ALL} when there is no Sieve)
     * @param filterName the filter's name in log lines ("sieve"), or "" for none
     * @param sender     for redirects and rejections ({@link MailSender#NONE} when there is nowhere to send)
     */
    public MailDelivery(RecipientDirectory directory, MailStorageRegistry storages, DeliverySettings settings,
            DeliveryFilter filter, String filterName, MailSender sender) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.storages = Objects.requireNonNull(storages, "storages");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.filterName = Objects.requireNonNull(filterName, "filterName");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.concurrency = new UserConcurrency(settings.userConcurrencyLimit());
        this.warnNoSieve = new java.util.concurrent.atomic.AtomicBoolean(
                settings.sieveEnabled() && filter == DeliveryFilter.KEEP_ALL);
    }

    public DeliverySettings settings() {
        return settings;
    }

    /**
     * Checks one recipient (LMTP RCPT, lda -d). {@code originalAddress} is ORCPT's address or null; {@code sizeHint}
     * is MAIL's SIZE= (0 when unknown), used by lmtp_rcpt_check_quota.
     */
    public RecipientCheck check(String address, String originalAddress, long sizeHint) {
        return check(address, originalAddress, sizeHint, settings.rcptCheckQuota());
    }

    /** lda's recipient check: the userdb only (lmtp_rcpt_check_quota is an LMTP setting). */
    public RecipientCheck checkForLda(String address, String originalAddress) {
        return check(address, originalAddress, 0, false);
    }

    private RecipientCheck check(String address, String originalAddress, long sizeHint, boolean quota) {
        RecipientAddress parsed = RecipientAddress.parse(address, settings.recipientDelimiter());
        RecipientDirectory.Lookup lookup = directory.lookup(parsed.withoutDetail());
        if (lookup instanceof RecipientDirectory.NotFound && parsed.hasDetail()) {
            // A user whose name contains the delimiter: try the whole address too.
            RecipientDirectory.Lookup whole = directory.lookup(address);
            if (whole instanceof RecipientDirectory.Found) {
                lookup = whole;
                parsed = new RecipientAddress(address, address, "", '\0');
            }
        }
        return switch (lookup) {
            case RecipientDirectory.NotFound n -> new RecipientCheck.UnknownUser(address);
            case RecipientDirectory.Unavailable u -> new RecipientCheck.TemporaryFailure(address, u.reason());
            case RecipientDirectory.Found found -> {
                DeliveryRecipient recipient = new DeliveryRecipient(parsed,
                        originalAddress == null || originalAddress.isEmpty() ? address : originalAddress,
                        found.user(), found.storage(), found.fields());
                yield quota ? checkQuota(recipient, sizeHint)
                        : new RecipientCheck.Accepted(recipient);
            }
        };
    }

    private RecipientCheck checkQuota(DeliveryRecipient recipient, long sizeHint) {
        try (MailStorage storage = storages.open(recipient.storage())) {
            storage.checkQuota(MailboxName.INBOX, Math.max(0, sizeHint), 1);
            return new RecipientCheck.Accepted(recipient);
        } catch (OverQuotaException e) {
            return new RecipientCheck.OverQuota(recipient.address().address(), settings.quotaFullTempfail());
        } catch (MailStorageException e) {
            MailLog.of("lmtp", recipient.user()).error("quota check failed: " + e.getMessage());
            return new RecipientCheck.TemporaryFailure(recipient.address().address(), e.getMessage());
        }
    }

    /**
     * Delivers one recipient's copy. {@code mailboxOverride} is lda's {@code -m} (null otherwise). Returns only when
     * every save it reports is durable.
     */
    public DeliveryOutcome deliver(Envelope envelope, DeliveryMessage message, DeliveryRecipient recipient,
            String mailboxOverride, boolean singleRecipient) {
        if (warnNoSieve.compareAndSet(true, false)) {
            MailLog.of(envelope.service()).warn("mail_plugins contains sieve, but Loft's Sieve engine is not part of"
                    + " this build yet: Sieve scripts are not run and mail is delivered to INBOX");
        }
        DeliveryLog log = new DeliveryLog(envelope, recipient.user(), message, settings.deliverLogFormat());
        if (settings.maxMessageSize() > 0 && message.size() > settings.maxMessageSize()) {
            return new DeliveryOutcome.PermanentFailure("5.3.4", "Message too big for system");
        }
        if (!concurrency.tryEnter(recipient.user())) {
            log.info("delivery deferred: too many concurrent deliveries for user (lmtp_user_concurrency_limit="
                    + settings.userConcurrencyLimit() + ")");
            return new DeliveryOutcome.TemporaryFailure("Too many concurrent deliveries for user");
        }
        try {
            return deliverLimited(envelope, message, recipient, mailboxOverride, singleRecipient, log);
        } finally {
            concurrency.leave(recipient.user());
        }
    }

    private DeliveryOutcome deliverLimited(Envelope envelope, DeliveryMessage message, DeliveryRecipient recipient,
            String mailboxOverride, boolean singleRecipient, DeliveryLog log) {
        try (MailStorage storage = storages.open(recipient.storage())) {
            String defaultMailbox = defaultMailbox(recipient, mailboxOverride, envelope.service().equals("lmtp"));
            List<DeliveryAction> actions = decide(envelope, recipient, message, storage, defaultMailbox, log);
            if (actions == null) {
                return new DeliveryOutcome.TemporaryFailure("filter failed temporarily");
            }
            byte[] trace = trace(envelope, recipient, singleRecipient);
            return execute(actions, new Copy(envelope, message, storage, trace, defaultMailbox, recipient, log));
        } catch (OverQuotaException e) {
            // save() logged which mailbox it was
            return new DeliveryOutcome.OverQuota(settings.quotaFullTempfail());
        } catch (MailStorageException e) {
            log.error("save failed: " + e.getMessage());
            return new DeliveryOutcome.TemporaryFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("delivery failed: " + e);
            return new DeliveryOutcome.TemporaryFailure(e.toString());
        }
    }

    /** lmtp_save_to_detail_mailbox applies to LMTP only; lda uses -m. */
    private String defaultMailbox(DeliveryRecipient recipient, String mailboxOverride, boolean lmtp) {
        if (mailboxOverride != null && !mailboxOverride.isEmpty()) {
            return mailboxOverride;
        }
        if (settings.saveToDetailMailbox() && recipient.address().hasDetail() && lmtp) {
            return recipient.address().detail();
        }
        return "INBOX";
    }

    /** The filter's actions; [keep] when it fails for good; null when it fails temporarily. */
    private List<DeliveryAction> decide(Envelope envelope, DeliveryRecipient recipient, DeliveryMessage message,
            MailStorage storage, String defaultMailbox, DeliveryLog log) {
        try {
            List<DeliveryAction> actions =
                    filter.decide(new FilterContext(envelope, recipient, message, storage, defaultMailbox));
            return actions == null ? List.of(DeliveryAction.KEEP) : actions;
        } catch (FilterException e) {
            if (e.temporary()) {
                log.error(prefix() + "temporary failure: " + e.getMessage());
                return null;
            }
            log.error(prefix() + e.getMessage() + " (keeping the message in INBOX)");
            return List.of(new DeliveryAction.FileInto("INBOX", Flags.NONE, false));
        } catch (RuntimeException e) {
            log.error(prefix() + "filter failed: " + e + " (keeping the message in INBOX)");
            return List.of(new DeliveryAction.FileInto("INBOX", Flags.NONE, false));
        }
    }

    private String prefix() {
        return filterName.isEmpty() ? "" : filterName + ": ";
    }

    private byte[] trace(Envelope envelope, DeliveryRecipient recipient, boolean singleRecipient) {
        boolean lmtp = envelope.service().equals("lmtp");
        if (!lmtp) {
            return new byte[0]; // lda: the MTA's pipe flags add Return-Path and Delivered-To (Postfix's R and D)
        }
        String address = switch (settings.hdrDeliveryAddress()) {
            case NONE -> null;
            case FINAL -> recipient.address().address();
            case ORIGINAL -> recipient.originalAddress();
        };
        boolean received = lmtp && settings.addReceivedHeader();
        if (received && !singleRecipient) {
            // Dovecot leaves the "for" clause out when the Received field is shared by several recipients.
            return concat(TraceHeaders.build(envelope, address, false, true),
                    TraceHeaders.build(envelope, null, true, false));
        }
        return TraceHeaders.build(envelope, address, received, lmtp);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One recipient's copy while its actions run. */
    private record Copy(Envelope envelope, DeliveryMessage message, MailStorage storage, byte[] trace,
            String defaultMailbox, DeliveryRecipient recipient, DeliveryLog log, byte[] header) {

        Copy(Envelope envelope, DeliveryMessage message, MailStorage storage, byte[] trace, String defaultMailbox,
                DeliveryRecipient recipient, DeliveryLog log) {
            this(envelope, message, storage, trace, defaultMailbox, recipient, log, null);
        }

        /** This copy with a filter's edited header (Sieve editheader) in place of the original one. */
        Copy withHeader(byte[] edited) {
            return new Copy(envelope, message, storage, trace, defaultMailbox, recipient, log, edited);
        }

        InputStream content() throws IOException {
            if (header == null) {
                return new SequenceInputStream(new ByteArrayInputStream(trace), message.open());
            }
            InputStream body = message.open();
            body.skipNBytes(message.mime().root().bodySpan().offset());
            return new SequenceInputStream(new ByteArrayInputStream(trace),
                    new SequenceInputStream(new ByteArrayInputStream(header), body));
        }
    }

    private DeliveryOutcome execute(List<DeliveryAction> actions, Copy original) throws IOException {
        Copy copy = original;
        List<String> places = new ArrayList<>();
        Set<MailboxName> savedTo = new LinkedHashSet<>();
        DeliveryOutcome.Rejected rejected = null;
        for (DeliveryAction action : actions) {
            switch (action) {
                case DeliveryAction.Keep keep -> {
                    // Pigeonhole logs its keep like a fileinto: "sieve: ... stored mail into mailbox 'INBOX'"
                    String where = save(copy, copy.defaultMailbox(), keep.flags(), false, savedTo, true);
                    if (where != null) {
                        places.add(where);
                    }
                }
                case DeliveryAction.FileInto into -> {
                    String where = save(copy, into.mailbox(), into.flags(), into.create(), savedTo, true);
                    if (where != null) {
                        places.add(where);
                    }
                }
                case DeliveryAction.Discard d -> copy.log().info(prefix() + "discarded");
                case DeliveryAction.ReplaceHeader edited -> copy = copy.withHeader(edited.header());
                case DeliveryAction.Send send -> {
                    try {
                        sender.send(send.envelopeFrom(), send.recipients(), new ByteArrayInputStream(send.message()));
                        copy.log().info(prefix() + "sent message to " + DeliveryMessage.logSafe(
                                String.join(", ", send.recipients())));
                        afterSent(send.onSent(), copy);
                    } catch (IOException e) {
                        copy.log().error(prefix() + "failed to send message to " + DeliveryMessage.logSafe(
                                String.join(", ", send.recipients())) + ": " + e.getMessage());
                    }
                }
                case DeliveryAction.Redirect redirect -> {
                    if (redirect(copy, redirect.address(), redirect.envelopeFrom())) {
                        afterSent(redirect.onSent(), copy);
                        places.add("redirect to <" + redirect.address() + ">");
                    } else {
                        String where = save(copy, "INBOX", Flags.NONE, false, savedTo, false);
                        if (where != null) {
                            places.add(where);
                        }
                    }
                }
                case DeliveryAction.Reject reject -> {
                    if (reject.atProtocolLevel()) {
                        copy.log().info(prefix() + "rejected: " + DeliveryMessage.logSafe(reject.reason()));
                        rejected = new DeliveryOutcome.Rejected(reject.reason());
                    } else if (!reject(copy, reject.reason())) {
                        String where = save(copy, "INBOX", Flags.NONE, false, savedTo, false);
                        if (where != null) {
                            places.add(where);
                        }
                    }
                }
            }
        }
        if (rejected != null && places.isEmpty()) {
            return rejected;
        }
        return places.isEmpty() ? new DeliveryOutcome.Discarded() : new DeliveryOutcome.Delivered(places);
    }

    /**
     * Saves into {@code mailboxName}, falling back to INBOX when it does not exist (and may not be created) or is
     * not a valid name. Returns the mailbox saved to, or null when the copy was already there.
     */
    private String save(Copy copy, String mailboxName, Flags flags, boolean create, Set<MailboxName> savedTo,
            boolean byFilter) throws IOException {
        MailStorage storage = copy.storage();
        Target target = resolve(storage, mailboxName);
        Mailbox mailbox = null;
        if (target != null) {
            mailbox = open(storage, target, create || settings.mailboxAutocreate(), copy.log());
        }
        if (mailbox == null) {
            if (!mailboxName.equalsIgnoreCase("INBOX")) {
                copy.log().info("mailbox " + mailboxName + " doesn't exist, saving to INBOX instead");
            }
            target = new Target(MailboxName.INBOX, "INBOX");
            mailbox = storage.mailbox(MailboxName.INBOX);
        }
        if (!savedTo.add(target.name())) {
            return null; // Sieve: a second keep/fileinto into the same mailbox stores one copy
        }
        try (InputStream in = copy.content()) {
            mailbox.append(in, new AppendRequest(Optional.of(copy.envelope().arrival()), flags));
        } catch (OverQuotaException e) {
            copy.log().info((byFilter ? prefix() : "") + "save failed to " + target.display() + ": " + settings.quotaExceededMessage());
            throw e;
        }
        if (byFilter && !filterName.isEmpty()) {
            copy.log().info(prefix() + "stored mail into mailbox '" + target.display() + "'");
        } else {
            copy.log().info("saved mail to " + target.display());
        }
        return target.display();
    }

    /** The filter's bookkeeping after a message went out; its failure is logged, the delivery goes on. */
    private void afterSent(Runnable onSent, Copy copy) {
        try {
            onSent.run();
        } catch (RuntimeException e) {
            copy.log().error(prefix() + "failed to record a sent message: " + e.getMessage());
        }
    }

    private record Target(MailboxName name, String display) {}

    private static Target resolve(MailStorage storage, String clientName) {
        if (MailboxName.isInboxName(clientName)) {
            return new Target(MailboxName.INBOX, "INBOX");
        }
        Namespace best = null;
        for (Namespace ns : storage.namespaces()) {
            if (clientName.startsWith(ns.prefix()) && (best == null || ns.prefix().length() > best.prefix().length())) {
                best = ns;
            }
        }
        if (best == null) {
            return null;
        }
        try {
            Optional<MailboxName> name = best.parse(clientName);
            return name.map(n -> new Target(n, clientName)).orElse(null);
        } catch (InvalidMailboxNameException e) {
            return null;
        }
    }

    private Mailbox open(MailStorage storage, Target target, boolean create, DeliveryLog log)
            throws MailStorageException {
        try {
            return storage.mailbox(target.name());
        } catch (MailboxNotFoundException e) {
            if (!create) {
                return null;
            }
        } catch (InvalidMailboxNameException e) {
            return null;
        }
        try {
            storage.create(target.name(), Set.of());
            if (settings.mailboxAutosubscribe()) {
                storage.subscribe(target.name());
            }
        } catch (org.loftmail.core.storage.MailboxExistsException raced) {
            // created by a parallel delivery: fine
        } catch (InvalidMailboxNameException e) {
            return null;
        }
        return storage.mailbox(target.name());
    }

    private boolean redirect(Copy copy, String address, String envelopeFrom) {
        try (InputStream in = copy.content()) {
            sender.send(envelopeFrom != null ? envelopeFrom : copy.envelope().sender(), List.of(address), in);
            copy.log().info(prefix() + "forwarded to <" + DeliveryMessage.logSafe(address) + ">");
            return true;
        } catch (IOException e) {
            copy.log().error(prefix() + "failed to redirect to <" + DeliveryMessage.logSafe(address) + ">: "
                    + e.getMessage() + " (keeping the message in INBOX)");
            return false;
        }
    }

    /**
     * Sends a rejection report for the whole message to the envelope sender (lda's answer to a permanent failure
     * when it may not just exit with an error). A null sender gets nothing. Returns false when sending failed.
     */
    public boolean sendRejection(Envelope envelope, DeliveryMessage message, DeliveryRecipient recipient,
            String reason) {
        DeliveryLog log = new DeliveryLog(envelope, recipient.user(), message, settings.deliverLogFormat());
        if (envelope.nullSender()) {
            log.info("rejected: " + DeliveryMessage.logSafe(reason) + " (no rejection sent to <> sender)");
            return true;
        }
        try {
            byte[] report = RejectionReport.build(envelope, recipient, message, reason, settings);
            sender.send("", List.of(envelope.sender()), new ByteArrayInputStream(report));
            log.info("rejected: " + DeliveryMessage.logSafe(reason) + " (sent rejection to <"
                    + DeliveryMessage.logSafe(envelope.sender()) + ">)");
            return true;
        } catch (IOException e) {
            log.error("failed to send rejection: " + e.getMessage());
            return false;
        }
    }

    private boolean reject(Copy copy, String reason) {
        if (copy.envelope().nullSender()) {
            copy.log().info(prefix() + "discarded reject to <> sender");
            return true;
        }
        try {
            byte[] report = RejectionReport.build(copy.envelope(), copy.recipient(), copy.message(), reason, settings);
            sender.send("", List.of(copy.envelope().sender()), new ByteArrayInputStream(report));
            copy.log().info(prefix() + "rejected (sent rejection to <" + DeliveryMessage.logSafe(copy.envelope().sender())
                    + ">)");
            return true;
        } catch (IOException e) {
            copy.log().error(prefix() + "failed to send rejection: " + e.getMessage()
                    + " (keeping the message in INBOX)");
            return false;
        }
    }
}
