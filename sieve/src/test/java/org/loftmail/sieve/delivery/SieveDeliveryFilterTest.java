package org.loftmail.sieve.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.delivery.DeliveryAction;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.FilterContext;
import org.loftmail.core.delivery.FilterException;
import org.loftmail.core.delivery.RecipientAddress;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.sieve.compile.SieveExtensions;
import org.loftmail.sieve.run.RunEnvironment;
import org.loftmail.sieve.run.SieveMail;
import org.loftmail.sieve.store.SieveStoreSettings;
import org.loftmail.testkit.storage.MemoryStorageProvider;

/**
 * The delivery filter over real files: the active script from the store, sieve_before/after/default/discard
 * sequences, include, vacation's rules and tracking, redirect's envelope sender and duplicate suppression, and
 * failures that keep the message.
 */
class SieveDeliveryFilterTest {

    @TempDir
    Path dir;
    Path home;
    MailStorage storage;
    MemoryStorageProvider provider = new MemoryStorageProvider();

    static final String MESSAGE = "From: Alice <alice@example.org>\r\nTo: jsmith@example.com\r\nSubject: Hello\r\n"
            + "Message-ID: <m1@example.org>\r\n\r\nHi there\r\n";

    @BeforeEach
    void open() throws Exception {
        home = dir.resolve("home");
        Files.createDirectories(home);
        storage = provider.open(StorageUser.of("jsmith", home, MemoryStorageProvider.location(dir.resolve("idx"))));
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    SieveDeliverySettings settings(List<String> before, List<String> after, String def, String discard,
            String global, boolean sendFromRecipient, String redirectFrom) {
        return new SieveDeliverySettings(new SieveStoreSettings("file:~/sieve;active=~/.dovecot.sieve", "", 0, 0,
                1 << 20), SieveExtensions.defaults(), Set.of(), before, after, def, discard, global,
                RunEnvironment.Limits.DEFAULT, new SieveDeliverySettings.Vacation(false, sendFromRecipient, false),
                redirectFrom, "postmaster@%d", "+", null, null);
    }

    SieveDeliverySettings plain() {
        return settings(List.of(), List.of(), "", "", "", false, "sender");
    }

    FilterContext ctx(String message, String sender, Instant arrival) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        SieveMail.of(bytes); // parses
        var msg = new org.loftmail.core.delivery.DeliveryMessage() {
            final org.loftmail.core.mime.MimeMessage parsed = org.loftmail.core.mime.MimeParser.parse(bytes);

            @Override
            public java.io.InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public org.loftmail.core.mime.MimeMessage mime() {
                return parsed;
            }

            @Override
            public org.loftmail.core.mime.MimeHeader header() {
                return parsed.header();
            }
        };
        StorageUser su = StorageUser.of("jsmith", home, MemoryStorageProvider.location(dir.resolve("idx")));
        DeliveryRecipient r = new DeliveryRecipient(RecipientAddress.parse("jsmith@example.com", "+"),
                "jsmith@example.com", "jsmith", su, Map.of());
        Envelope env = new Envelope(sender, "mta.example.com", "127.0.0.1", "mx.example.com", "sess1", "lmtp",
                false, arrival);
        return new FilterContext(env, r, msg, storage, "INBOX");
    }

    List<DeliveryAction> decide(SieveDeliverySettings s, String message, String sender) throws FilterException {
        return new SieveDeliveryFilter(s).decide(ctx(message, sender, Instant.now()));
    }

    void active(String script) throws Exception {
        Files.createDirectories(home.resolve("sieve"));
        Files.writeString(home.resolve("sieve/main.sieve"), script);
        Path link = home.resolve(".dovecot.sieve");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("sieve/main.sieve"));
    }

    static List<String> describe(List<DeliveryAction> actions) {
        List<String> out = new ArrayList<>();
        for (DeliveryAction a : actions) {
            out.add(switch (a) {
                case DeliveryAction.Keep k -> "keep" + (k.flags().isEmpty() ? "" : k.flags().toString());
                case DeliveryAction.FileInto f -> "fileinto:" + f.mailbox();
                case DeliveryAction.Discard d -> "discard";
                case DeliveryAction.Redirect r -> "redirect:" + r.address() + " from " + r.envelopeFrom();
                case DeliveryAction.Reject r -> "reject:" + r.reason();
                case DeliveryAction.ReplaceHeader h -> "header:" + new String(h.header(),
                        StandardCharsets.ISO_8859_1).lines().filter(l -> l.startsWith("X-")).toList();
                case DeliveryAction.Send s -> "send:" + String.join(",", s.recipients()) + " from <"
                        + s.envelopeFrom() + ">";
            });
        }
        return out;
    }

    @Test
    void noScriptKeeps() throws Exception {
        assertThat(decide(plain(), MESSAGE, "alice@example.org")).containsExactly(DeliveryAction.KEEP);
    }

    @Test
    void activeScriptWithFlags() throws Exception {
        active("require [\"fileinto\", \"imap4flags\"];\nfileinto :flags \"\\\\Seen\" \"Work\";\n");
        List<DeliveryAction> a = decide(plain(), MESSAGE, "alice@example.org");
        assertThat(describe(a)).containsExactly("fileinto:Work");
        assertThat(((DeliveryAction.FileInto) a.get(0)).flags().contains(SystemFlag.SEEN)).isTrue();
    }

    @Test
    void beforeAndAfterRunWhileTheImplicitKeepStands() throws Exception {
        Path before = dir.resolve("before.d");
        Files.createDirectories(before);
        Files.writeString(before.resolve("20-b.sieve"), "require \"imap4flags\"; addflag \"$B\";");
        Files.writeString(before.resolve("10-a.sieve"), "require [\"fileinto\", \"copy\"]; "
                + "fileinto :copy \"Archive\";");
        Path after = dir.resolve("after.sieve");
        Files.writeString(after, "require \"fileinto\"; fileinto \"Later\";");
        active("keep;");
        SieveDeliverySettings s = settings(List.of(before.toString()), List.of(after.toString()), "", "", "",
                false, "sender");
        // the personal script's explicit keep ends the sequence: sieve_after does not run
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("fileinto:Archive", "keep");
        active("# nothing");
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("fileinto:Archive",
                "fileinto:Later");
    }

    @Test
    void defaultScriptWhenNoneIsActiveAndDiscardScript() throws Exception {
        Path def = dir.resolve("default.sieve");
        Files.writeString(def, "require \"fileinto\"; fileinto \"FromDefault\";");
        Path discard = dir.resolve("discard.sieve");
        Files.writeString(discard, "require \"fileinto\"; fileinto \"Discarded\";");
        SieveDeliverySettings s = settings(List.of(), List.of(), "file:" + def, discard.toString(), "", false,
                "sender");
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("fileinto:FromDefault");
        active("discard;");
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("discard", "fileinto:Discarded");
    }

    @Test
    void includePersonalAndGlobal() throws Exception {
        Path global = dir.resolve("global");
        Files.createDirectories(global);
        Files.writeString(global.resolve("spam.sieve"), "require \"fileinto\"; if header :contains \"subject\" "
                + "\"hello\" { fileinto \"G\"; }");
        Files.createDirectories(home.resolve("sieve"));
        Files.writeString(home.resolve("sieve/mine.sieve"), "require \"fileinto\"; fileinto \"P\";");
        active("require \"include\"; include :global \"spam\"; include :personal \"mine\";");
        SieveDeliverySettings s = settings(List.of(), List.of(), "", "", global.toString(), false, "sender");
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("fileinto:G", "fileinto:P");
        active("require \"include\"; include \"missing\";");
        assertThatThrownBy(() -> decide(s, MESSAGE, "a@b.example")).isInstanceOf(FilterException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void brokenScriptIsAPermanentFailureWithPigeonholesText() throws Exception {
        active("fileinto \"Spam\";");
        assertThatThrownBy(() -> decide(plain(), MESSAGE, "a@b.example")).isInstanceOfSatisfying(
                FilterException.class, e -> {
                    assertThat(e.temporary()).isFalse();
                    assertThat(e.getMessage()).contains("line 1: error: unknown command 'fileinto'");
                });
    }

    @Test
    void vacationRepliesOncePerPeriodAndNeverToListsOrBulk() throws Exception {
        active("require \"vacation\"; vacation :days 1 :subject \"Away\" \"I am away.\";");
        Instant now = Instant.now();
        SieveDeliveryFilter f = new SieveDeliveryFilter(plain());
        List<DeliveryAction> first = f.decide(ctx(MESSAGE, "alice@example.org", now));
        assertThat(describe(first)).containsExactly("send:alice@example.org from <>", "keep");
        // not sent (relay down): the next message is answered
        assertThat(describe(f.decide(ctx(MESSAGE, "alice@example.org", now.plusSeconds(30)))))
                .containsExactly("send:alice@example.org from <>", "keep");
        ((DeliveryAction.Send) first.get(0)).onSent().run(); // the MTA took it
        String reply = new String(((DeliveryAction.Send) first.get(0)).message(), StandardCharsets.UTF_8);
        assertThat(reply).contains("Auto-Submitted: auto-replied (vacation)\r\n").contains("Subject: Away\r\n")
                .contains("In-Reply-To: <m1@example.org>\r\n").contains("To: \"Alice\" <alice@example.org>\r\n")
                .contains("\r\n\r\nI am away.\r\n");
        assertThat(describe(f.decide(ctx(MESSAGE, "alice@example.org", now.plusSeconds(60)))))
                .containsExactly("keep");
        List<DeliveryAction> later = f.decide(ctx(MESSAGE, "alice@example.org", now.plusSeconds(2 * 86400)));
        assertThat(describe(later)).containsExactly("send:alice@example.org from <>", "keep");
        assertThat(describe(f.decide(ctx("List-Id: <x.lists.example>\r\n" + MESSAGE, "bob@example.org", now))))
                .containsExactly("keep");
        assertThat(describe(f.decide(ctx("Precedence: bulk\r\n" + MESSAGE, "carol@example.org", now))))
                .containsExactly("keep");
        assertThat(describe(f.decide(ctx("Auto-Submitted: auto-replied\r\n" + MESSAGE, "dan@example.org", now))))
                .containsExactly("keep");
        assertThat(describe(f.decide(ctx(MESSAGE, "", now)))).containsExactly("keep");
        assertThat(describe(f.decide(ctx(MESSAGE, "MAILER-DAEMON@example.org", now)))).containsExactly("keep");
        assertThat(describe(f.decide(ctx(MESSAGE, "owner-list@example.org", now)))).containsExactly("keep");
        assertThat(describe(f.decide(ctx(MESSAGE.replace("To: jsmith@example.com", "To: other@example.com"),
                "erin@example.org", now)))).containsExactly("keep");
        assertThat(describe(f.decide(ctx(MESSAGE, "jsmith@example.com", now)))).containsExactly("keep");
        SieveDeliveryFilter fromRecipient = new SieveDeliveryFilter(settings(List.of(), List.of(), "", "", "", true,
                "sender"));
        assertThat(describe(fromRecipient.decide(ctx(MESSAGE, "frank@example.org", now))))
                .containsExactly("send:frank@example.org from <jsmith@example.com>", "keep");
    }

    @Test
    void redirectEnvelopeSenderAndRetriedDeliveries() throws Exception {
        active("redirect \"fwd@elsewhere.example\";");
        SieveDeliveryFilter sender = new SieveDeliveryFilter(plain());
        List<DeliveryAction> first = sender.decide(ctx(MESSAGE, "alice@example.org", Instant.now()));
        assertThat(describe(first)).containsExactly("redirect:fwd@elsewhere.example from null");
        // not sent yet: a retry forwards again
        assertThat(describe(sender.decide(ctx(MESSAGE, "alice@example.org", Instant.now()))))
                .containsExactly("redirect:fwd@elsewhere.example from null");
        ((DeliveryAction.Redirect) first.get(0)).onSent().run();
        // sent: the same message again (a retried delivery) is not forwarded twice, and not kept either
        assertThat(describe(sender.decide(ctx(MESSAGE, "alice@example.org", Instant.now())))).isEmpty();
        SieveDeliveryFilter postmaster = new SieveDeliveryFilter(settings(List.of(), List.of(), "", "", "", false,
                "postmaster"));
        assertThat(describe(postmaster.decide(ctx(MESSAGE.replace("m1@", "m2@"), "alice@example.org",
                Instant.now())))).containsExactly("redirect:fwd@elsewhere.example from postmaster@example.com");
        assertThat(describe(postmaster.decide(ctx(MESSAGE.replace("m1@", "m3@"), "", Instant.now()))))
                .containsExactly("redirect:fwd@elsewhere.example from ");
    }

    @Test
    void mailboxExistsSeesTheRecipientsStorage() throws Exception {
        storage.create(MailboxName.of("Work"), Set.of());
        active("require [\"mailbox\", \"fileinto\"]; if mailboxexists \"Work\" { fileinto \"Work\"; } "
                + "if mailboxexists \"Nope\" { fileinto \"Nope\"; }");
        assertThat(describe(decide(plain(), MESSAGE, "a@b.example"))).containsExactly("fileinto:Work");
    }

    @Test
    void compiledScriptIsReusedUntilTheFileChanges() throws Exception {
        active("require \"fileinto\"; fileinto \"One\";");
        SieveDeliveryFilter f = new SieveDeliveryFilter(plain());
        assertThat(describe(f.decide(ctx(MESSAGE, "a@b.example", Instant.now())))).containsExactly("fileinto:One");
        Thread.sleep(20);
        Files.writeString(home.resolve("sieve/main.sieve"), "require \"fileinto\"; fileinto \"Two\";");
        assertThat(describe(f.decide(ctx(MESSAGE, "a@b.example", Instant.now())))).containsExactly("fileinto:Two");
    }

    @Test
    void spamtestAndVirustestReadTheConfiguredHeaders() throws Exception {
        var base = plain();
        var extensions = new java.util.LinkedHashSet<>(base.extensions());
        extensions.addAll(List.of("spamtest", "spamtestplus", "virustest"));
        SieveDeliverySettings s = new SieveDeliverySettings(base.store(), extensions, Set.of(), List.of(), List.of(),
                "", "", "", base.limits(), base.vacation(), "sender", "postmaster@%d", "+",
                ScoreSettings.parse("spamtest", "strlen", "X-Spam-Level", "10", "", Map.of()),
                ScoreSettings.parse("virustest", "text", "X-Virus-Status", "", "", Map.of(1, "Clean", 5, "Infected")));
        active("require [\"spamtestplus\", \"virustest\", \"relational\", \"comparator-i;ascii-numeric\", "
                + "\"fileinto\"];\nif spamtest :percent :value \"ge\" :comparator \"i;ascii-numeric\" \"50\" "
                + "{ fileinto \"Spam\"; }\nif virustest :value \"eq\" :comparator \"i;ascii-numeric\" \"5\" "
                + "{ fileinto \"Virus\"; }\n");
        assertThat(describe(decide(s, "X-Spam-Level: ******\r\n" + MESSAGE, "a@b.example")))
                .containsExactly("fileinto:Spam");
        assertThat(describe(decide(s, "X-Spam-Level: **\r\nX-Virus-Status: Infected\r\n" + MESSAGE,
                "a@b.example"))).containsExactly("fileinto:Virus");
        assertThat(describe(decide(s, MESSAGE, "a@b.example"))).containsExactly("keep");
    }
}
