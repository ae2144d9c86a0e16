package org.loftmail.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.loftmail.core.delivery.DeliveryMessage;
import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.core.delivery.Envelope;
import org.loftmail.core.delivery.RecipientAddress;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.submission.relay.LocalDelivery;

/**
 * The local delivery port over a map (the server's real adapter over LMTP's delivery is tested in server): the
 * users it knows, and what each user's INBOX received. A user in {@link #failing} fails temporarily.
 */
final class MemoryDelivery implements LocalDelivery {

    private final Set<String> users;
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, List<String>> inbox = new ConcurrentHashMap<>();
    final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

    MemoryDelivery(Set<String> users) {
        this.users = Set.copyOf(users);
    }

    @Override
    public Verdict check(String address, long sizeHint) {
        if (!users.contains(address)) {
            return new Verdict(SmtpReply.of(550, "5.1.1", "<" + address + "> User doesn't exist"), null);
        }
        return new Verdict(SmtpReply.OK_RCPT, new DeliveryRecipient(RecipientAddress.parse(address, "+"), address,
                address, StorageUser.of(address, Path.of("/nonexistent"), "maildir:/nonexistent")));
    }

    @Override
    public List<SmtpReply> deliver(Envelope envelope, DeliveryMessage message, List<DeliveryRecipient> recipients) {
        envelopes.add(envelope);
        List<SmtpReply> replies = new ArrayList<>();
        for (DeliveryRecipient r : recipients) {
            String address = r.address().address();
            if (failing.contains(address)) {
                replies.add(SmtpReply.of(451, "4.3.0", "<" + address + "> Temporary internal error"));
                continue;
            }
            try (InputStream in = message.open()) {
                inbox.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>())
                        .add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            replies.add(SmtpReply.of(250, "2.0.0", "<" + address + "> Saved"));
        }
        return replies;
    }
}
