package org.loftmail.core.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loftmail.core.mail.MailboxName;

/**
 * A {@code namespace NAME { }} block: {@code prefix} (e.g. {@code ""} or {@code "INBOX."}), {@code separator}
 * ({@code /} or {@code .}), whether it holds INBOX, its type, and its {@code mailbox} settings. The storage API
 * names mailboxes by {@link MailboxName} relative to the namespace; {@link #parse}/{@link #format} convert the
 * client-visible name (IMAP passes it through modified UTF-7 decoding first).
 */
public record Namespace(
        String name,
        Type type,
        String prefix,
        char separator,
        boolean inbox,
        boolean hidden,
        boolean listed,
        boolean subscriptions,
        List<MailboxSetting> mailboxes) {

    public enum Type {
        PRIVATE,
        SHARED,
        PUBLIC
    }

    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(prefix, "prefix");
        if (separator < 0x21 || separator > 0x7e || separator == '"' || separator == '\\') {
            throw new org.loftmail.core.config.InvalidSettingException("separator", "namespace separator must be a printable ASCII character");
        }
        if (!prefix.isEmpty() && prefix.charAt(prefix.length() - 1) != separator) {
            throw new org.loftmail.core.config.InvalidSettingException("prefix", "namespace prefix must end with the separator: " + prefix);
        }
        mailboxes = List.copyOf(mailboxes);
    }

    /** Dovecot's default {@code namespace inbox { inbox = yes  separator = /  prefix = }} with these mailboxes. */
    public static Namespace inbox(char separator, List<MailboxSetting> mailboxes) {
        return new Namespace("inbox", Type.PRIVATE, "", separator, true, false, true, true, mailboxes);
    }

    /** The name without prefix, or empty when the name is not in this namespace. INBOX is always accepted. */
    public Optional<MailboxName> parse(String clientName) {
        if (inbox && MailboxName.isInboxName(clientName)) return Optional.of(MailboxName.INBOX);
        if (!clientName.startsWith(prefix)) return Optional.empty();
        String rest = clientName.substring(prefix.length());
        if (rest.isEmpty()) return Optional.empty();
        return Optional.of(MailboxName.parse(rest, separator));
    }

    public String format(MailboxName name) {
        if (name.isInbox() && inbox) return "INBOX";
        return prefix + name.toString(separator);
    }

    public Optional<MailboxSetting> setting(MailboxName name) {
        return mailboxes.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
