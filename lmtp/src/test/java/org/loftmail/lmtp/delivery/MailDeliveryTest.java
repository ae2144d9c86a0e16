package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.FilterException;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.smtp.server.MessageSpool;
import org.loftmail.smtp.server.SpooledMessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.lmtp.MemoryStorage;
import org.loftmail.lmtp.TableDirectory;

class MailDeliveryTest {

    @TempDir
    Path temp;

    private final MemoryStorage storage = new MemoryStorage();
    private final TableDirectory directory = new TableDirectory().add("alice").add("bob");
    private final List<String> sent = new ArrayList<>();
    private final MailSender recordingSender = (from, to, message) ->
            sent.add(from + " -> " + to + "\n" + new String(message.readAllBytes(), StandardCharsets.UTF_8));

    private MailDelivery delivery(DeliverySettings settings, DeliveryFilter filter) {
        return new MailDelivery(directory, new MailStorageRegistry().register(storage), settings, filter,
                filter == DeliveryFilter.KEEP_ALL ? "" : "sieve", recordingSender);
    }

    private DeliverySettings.Builder settings() {
        return DeliverySettings.builder("mx.loft.test", temp);
    }

    private static Envelope envelope(String sender) {
        return new Envelope(sender, "mta.example.org", "192.0.2.7", "mx.loft.test", "SESSION1", "lmtp", false,
                Instant.parse("2026-11-23T04:00:00Z"));
    }

    private DeliveryMessage message(String text) throws IOException {
        MessageSpool spool = new MessageSpool(temp, 0);
        spool.writeFrom(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        spool.finish();
        return new SpooledMessage(spool);
    }

    private DeliveryRecipient accepted(MailDelivery d, String address) {
        RecipientCheck check = d.check(address, null, 0);
        assertThat(check).isInstanceOf(RecipientCheck.Accepted.class);
        return ((RecipientCheck.Accepted) check).recipient();
    }

    @Test
    void keepSavesToInboxWithDovecotsTraceHeaders() throws Exception {
        MailDelivery d = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        DeliveryOutcome outcome = d.deliver(envelope("s@example.org"), message("Subject: x\r\n\r\nbody\r\n"),
                accepted(d, "alice@loft.test"), null, true);
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(List.of("INBOX")));
        String saved = storage.text("alice", "INBOX", 0);
        assertThat(saved).startsWith("Return-Path: <s@example.org>\r\n"
                + "Delivered-To: alice@loft.test\r\n"
                + "Received: from mta.example.org ([192.0.2.7])\r\n"
                + "\tby mx.loft.test with LMTP\r\n"
                + "\tid SESSION1\r\n"
                + "\t(envelope-from <s@example.org>)\r\n"
                + "\tfor <alice@loft.test>; ");
        assertThat(saved).endsWith("\r\nSubject: x\r\n\r\nbody\r\n");
        assertThat(storage.internalDate("alice", "INBOX", 0)).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
    }

    @Test
    void noReceivedHeaderWhenTurnedOffAndNoForClauseForSeveralRecipients() throws Exception {
        MailDelivery off = delivery(settings().addReceivedHeader(false).build(), DeliveryFilter.KEEP_ALL);
        off.deliver(envelope(""), message("S: 1\r\n\r\n"), accepted(off, "alice@loft.test"), null, true);
        assertThat(storage.text("alice", "INBOX", 0)).startsWith("Return-Path: <>\r\nDelivered-To: alice@loft.test\r\nS: 1");

        MailDelivery on = delivery(settings().hdrDeliveryAddress(DeliverySettings.HdrDeliveryAddress.NONE).build(),
                DeliveryFilter.KEEP_ALL);
        on.deliver(envelope("a@b"), message("S: 2\r\n\r\n"), accepted(on, "bob@loft.test"), null, false);
        String saved = storage.text("bob", "INBOX", 0);
        assertThat(saved).doesNotContain("Delivered-To").doesNotContain("\tfor <").contains("(envelope-from <a@b>);");
    }

    @Test
    void originalRecipientFromOrcptGoesToDeliveredTo() throws Exception {
        MailDelivery d = delivery(settings().hdrDeliveryAddress(DeliverySettings.HdrDeliveryAddress.ORIGINAL).build(),
                DeliveryFilter.KEEP_ALL);
        RecipientCheck check = d.check("alice@loft.test", "info@example.com", 0);
        DeliveryRecipient r = ((RecipientCheck.Accepted) check).recipient();
        d.deliver(envelope("s@x"), message("S: o\r\n\r\n"), r, null, true);
        assertThat(storage.text("alice", "INBOX", 0)).contains("Delivered-To: info@example.com\r\n");
    }

    @Test
    void detailMailboxIsUsedOnlyWhenItExistsOrMayBeCreated() throws Exception {
        MailDelivery d = delivery(settings().saveToDetailMailbox(true).build(), DeliveryFilter.KEEP_ALL);
        DeliveryRecipient r = accepted(d, "alice+lists@loft.test");
        assertThat(r.address().detail()).isEqualTo("lists");
        assertThat(d.deliver(envelope("s@x"), message("S: 1\r\n\r\n"), r, null, true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("INBOX")));
        storage.create("alice", "lists");
        assertThat(d.deliver(envelope("s@x"), message("S: 2\r\n\r\n"), r, null, true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("lists")));

        MailDelivery create = delivery(settings().saveToDetailMailbox(true).mailboxAutocreate(true)
                .mailboxAutosubscribe(true).build(), DeliveryFilter.KEEP_ALL);
        DeliveryRecipient bob = accepted(create, "bob+news@loft.test");
        assertThat(create.deliver(envelope("s@x"), message("S: 3\r\n\r\n"), bob, null, true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("news")));
        assertThat(storage.count("bob", "news")).isEqualTo(1);
        assertThat(storage.subscribed("bob")).contains("news");
    }

    @Test
    void aUserWhoseNameHasTheDelimiterIsStillFound() {
        directory.add("c+d");
        MailDelivery d = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        DeliveryRecipient r = accepted(d, "c+d@loft.test");
        assertThat(r.user()).isEqualTo("c+d");
        assertThat(r.address().hasDetail()).isFalse();
    }

    @Test
    void unknownAndUnavailableUsers() {
        MailDelivery d = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        assertThat(d.check("ghost@loft.test", null, 0)).isEqualTo(new RecipientCheck.UnknownUser("ghost@loft.test"));
        directory.down = true;
        assertThat(d.check("alice@loft.test", null, 0)).isInstanceOf(RecipientCheck.TemporaryFailure.class);
    }

    @Test
    void quotaIsPermanentOrTemporaryAsConfiguredAndCheckedAtRcptWhenAsked() throws Exception {
        storage.quota("alice", 5);
        MailDelivery perm = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        DeliveryRecipient r = accepted(perm, "alice@loft.test");
        assertThat(perm.deliver(envelope("s@x"), message("S: big\r\n\r\n"), r, null, true))
                .isEqualTo(new DeliveryOutcome.OverQuota(false));
        MailDelivery temp = delivery(settings().quotaFullTempfail(true).rcptCheckQuota(true).build(),
                DeliveryFilter.KEEP_ALL);
        assertThat(temp.check("alice@loft.test", null, 100))
                .isEqualTo(new RecipientCheck.OverQuota("alice@loft.test", true));
        assertThat(storage.count("alice", "INBOX")).isZero();
    }

    @Test
    void aStorageFailureIsTemporary() throws Exception {
        MailDelivery d = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        storage.failNextAppends(1);
        assertThat(d.deliver(envelope("s@x"), message("S: f\r\n\r\n"), accepted(d, "alice@loft.test"), null, true))
                .isInstanceOf(DeliveryOutcome.TemporaryFailure.class);
        assertThat(storage.count("alice", "INBOX")).isZero();
    }

    @Test
    void filterActionsAreExecutedAndTheMessageIsParsedOnce() throws Exception {
        storage.create("alice", "Work");
        List<DeliveryMessage> seen = new ArrayList<>();
        DeliveryFilter filter = context -> {
            seen.add(context.message());
            try {
                assertThat(context.message().header("Subject")).contains("filtered");
            } catch (IOException e) {
                throw new FilterException("unreadable", true, e);
            }
            return List.of(
                    new DeliveryAction.FileInto("Work", Flags.of(SystemFlag.FLAGGED), false),
                    new DeliveryAction.FileInto("Spam", Flags.NONE, true),
                    new DeliveryAction.FileInto("Missing", Flags.NONE, false),
                    new DeliveryAction.Redirect("elsewhere@example.net"));
        };
        MailDelivery d = delivery(settings().build(), filter);
        DeliveryMessage message = message("Subject: filtered\r\nMessage-ID: <m1@x>\r\n\r\nhi\r\n");
        DeliveryOutcome a = d.deliver(envelope("s@x"), message, accepted(d, "alice@loft.test"), null, false);
        DeliveryOutcome b = d.deliver(envelope("s@x"), message, accepted(d, "bob@loft.test"), null, false);
        assertThat(a).isEqualTo(new DeliveryOutcome.Delivered(
                List.of("Work", "Spam", "INBOX", "redirect to <elsewhere@example.net>")));
        assertThat(b).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(seen).hasSize(2).allSatisfy(m -> assertThat(m).isSameAs(message));
        assertThat(message.mime()).isSameAs(message.mime());
        assertThat(storage.flags("alice", "Work", 0)).isEqualTo(Flags.of(SystemFlag.FLAGGED));
        assertThat(storage.count("alice", "Spam")).isEqualTo(1);
        assertThat(sent).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("s@x -> [elsewhere@example.net]"));
    }

    @Test
    void discardRejectAndFailingFilters() throws Exception {
        MailDelivery discard = delivery(settings().build(), c -> List.of(DeliveryAction.DISCARD));
        assertThat(discard.deliver(envelope("s@x"), message("S: d\r\n\r\n"), accepted(discard, "alice@loft.test"), null,
                true)).isEqualTo(new DeliveryOutcome.Discarded());
        assertThat(storage.count("alice", "INBOX")).isZero();

        MailDelivery reject = delivery(settings().build(),
                c -> List.of(new DeliveryAction.Reject("no thanks", false)));
        assertThat(reject.deliver(envelope("s@example.org"), message("Subject: r\r\nMessage-ID: <r@x>\r\n\r\n"),
                accepted(reject, "alice@loft.test"), null, true)).isEqualTo(new DeliveryOutcome.Discarded());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith(" -> [s@example.org]")
                .contains("Subject: Rejected: r", "Your message to <alice@loft.test> was automatically rejected:",
                        "no thanks", "Original-Message-ID: <r@x>", "From: Mail Delivery Subsystem <postmaster@loft.test>");

        MailDelivery ereject = delivery(settings().build(), c -> List.of(new DeliveryAction.Reject("go away", true)));
        assertThat(ereject.deliver(envelope("s@x"), message("S: e\r\n\r\n"), accepted(ereject, "alice@loft.test"),
                null, true)).isEqualTo(new DeliveryOutcome.Rejected("go away"));

        MailDelivery broken = delivery(settings().build(), c -> {
            throw new FilterException("script error", false);
        });
        assertThat(broken.deliver(envelope("s@x"), message("S: b\r\n\r\n"), accepted(broken, "alice@loft.test"), null,
                true)).isEqualTo(new DeliveryOutcome.Delivered(List.of("INBOX")));

        MailDelivery later = delivery(settings().build(), c -> {
            throw new FilterException("scripts unreachable", true);
        });
        assertThat(later.deliver(envelope("s@x"), message("S: t\r\n\r\n"), accepted(later, "alice@loft.test"), null,
                true)).isInstanceOf(DeliveryOutcome.TemporaryFailure.class);
        assertThat(storage.count("alice", "INBOX")).isEqualTo(1);
    }

    @Test
    void aFilterCanSendMessagesOfItsOwn() throws Exception {
        MailDelivery d = delivery(settings().build(), c -> List.of(DeliveryAction.KEEP,
                new DeliveryAction.Send("", List.of("s@x"), "Subject: Away\r\n\r\nback monday\r\n".getBytes(
                        StandardCharsets.US_ASCII))));
        assertThat(d.deliver(envelope("s@x"), message("S: v\r\n\r\n"), accepted(d, "alice@loft.test"), null, true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("INBOX")));
        assertThat(sent).containsExactly(" -> [s@x]\nSubject: Away\r\n\r\nback monday\r\n");
    }

    @Test
    void mailboxOverrideAndConcurrencyLimit() throws Exception {
        storage.create("alice", "Lists");
        MailDelivery d = delivery(settings().build(), DeliveryFilter.KEEP_ALL);
        assertThat(d.deliver(envelope("s@x"), message("S: m\r\n\r\n"), accepted(d, "alice@loft.test"), "Lists", true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("Lists")));
        UserConcurrency limit = new UserConcurrency(1);
        assertThat(limit.tryEnter("alice")).isTrue();
        assertThat(limit.tryEnter("alice")).isFalse();
        assertThat(limit.tryEnter("bob")).isTrue();
        limit.leave("alice");
        assertThat(limit.tryEnter("alice")).isTrue();
    }

    @Test
    void sieveWithoutAnEngineStillDeliversToInbox() throws Exception {
        MailDelivery d = delivery(settings().mailPlugins(List.of("quota", "sieve")).build(), DeliveryFilter.KEEP_ALL);
        assertThat(d.deliver(envelope("s@x"), message("S: s\r\n\r\n"), accepted(d, "alice@loft.test"), null, true))
                .isEqualTo(new DeliveryOutcome.Delivered(List.of("INBOX")));
    }
}
