package org.loftmail.core.storage.sort;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loftmail.core.mime.AddressParser;
import org.loftmail.core.mime.EncodedWords;
import org.loftmail.core.mime.EnvelopeAddress;
import org.loftmail.core.mime.HeaderField;
import org.loftmail.core.mime.MimeHeader;
import org.loftmail.core.storage.MessageRecord;

/**
 * SORT criteria (RFC 5256 section 3, RFC 5957 DISPLAYFROM/DISPLAYTO) and how each reads its value from the index
 * record and the message's cached header fields. Address keys compare the first address's mailbox (local part),
 * display keys its decoded display name or, without one, its address; text is compared upper-cased, as Dovecot does.
 */
public enum SortKey {
    ARRIVAL(null),
    CC("cc"),
    DATE("date"),
    FROM("from"),
    SIZE(null),
    SUBJECT("subject"),
    TO("to"),
    DISPLAYFROM("from"),
    DISPLAYTO("to");

    private final String field;

    SortKey(String field) {
        this.field = field;
    }

    /** The header field this key reads, or empty when the index record is enough. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The comparable value of one message: a Long for dates and sizes, a String otherwise. */
    public Comparable<?> value(MessageRecord r, MimeHeader header) {
        return switch (this) {
            case ARRIVAL -> r.internalDate().toEpochMilli();
            case SIZE -> r.virtualSize();
            case DATE -> header.first("date").flatMap(f -> SentDate.parse(f.value())).orElse(r.internalDate()).toEpochMilli();
            case SUBJECT -> BaseSubject.of(header.first("subject").map(HeaderField::value).orElse(null));
            case CC, FROM, TO -> comparable(firstAddress(header, field).map(a -> a.mailbox() == null ? "" : a.mailbox()).orElse(""));
            case DISPLAYFROM, DISPLAYTO -> comparable(firstAddress(header, field).map(SortKey::display).orElse(""));
        };
    }

    private static Optional<EnvelopeAddress> firstAddress(MimeHeader header, String field) {
        Optional<HeaderField> f = header.first(field);
        if (f.isEmpty()) return Optional.empty();
        // as in ENVELOPE: a group counts as an address whose mailbox is the group's name (Dovecot sorts by it)
        List<EnvelopeAddress> all = AddressParser.parse(f.get().value());
        return all.stream().filter(a -> !a.isGroupEnd()).findFirst();
    }

    /**
     * Text as compared: decomposed (compatibility forms) and upper-cased, as Dovecot's decomposed titlecase makes
     * "Ärger" sort between "Alice" and "Bob".
     */
    public static String comparable(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).toUpperCase(Locale.ROOT);
    }

    /** RFC 5957 section 3: the display name when there is one, else the address. */
    private static String display(EnvelopeAddress a) {
        if (a.name() != null && !a.name().isBlank()) return EncodedWords.decode(a.name()).strip();
        String mailbox = a.mailbox() == null ? "" : a.mailbox();
        return a.host() == null ? mailbox : mailbox + "@" + a.host();
    }
}
