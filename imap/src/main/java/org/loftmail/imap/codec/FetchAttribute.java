package org.loftmail.imap.codec;

import java.util.List;
import java.util.Optional;

/** One FETCH data item (RFC 3501 section 6.4.5, RFC 9051 6.4.5, RFC 3516 BINARY, RFC 7162 MODSEQ). */
public sealed interface FetchAttribute {

    /** {@code <offset.length>}; answered as {@code <offset>}. */
    record Partial(long offset, long length) {
        public Partial {
            if (offset < 0 || length < 1) throw new ImapSyntaxException("Invalid partial");
        }
    }

    enum Simple implements FetchAttribute {
        FLAGS("FLAGS"),
        INTERNALDATE("INTERNALDATE"),
        RFC822_SIZE("RFC822.SIZE"),
        ENVELOPE("ENVELOPE"),
        BODYSTRUCTURE("BODYSTRUCTURE"),
        /** BODY without a section: the non-extensible BODYSTRUCTURE. */
        BODY("BODY"),
        UID("UID"),
        RFC822("RFC822"),
        RFC822_HEADER("RFC822.HEADER"),
        RFC822_TEXT("RFC822.TEXT"),
        MODSEQ("MODSEQ");

        private final String imapName;

        Simple(String imapName) {
            this.imapName = imapName;
        }

        public String imapName() {
            return imapName;
        }
    }

    /** {@code BODY[section]<partial>} or {@code BODY.PEEK[…]}. */
    record BodySection(Section section, boolean peek, Optional<Partial> partial) implements FetchAttribute {}

    /** {@code BINARY[part]<partial>} or {@code BINARY.PEEK[…]} (RFC 3516). */
    record Binary(List<Integer> part, boolean peek, Optional<Partial> partial) implements FetchAttribute {
        public Binary {
            part = List.copyOf(part);
        }
    }

    /** {@code BINARY.SIZE[part]}. */
    record BinarySize(List<Integer> part) implements FetchAttribute {
        public BinarySize {
            part = List.copyOf(part);
        }
    }

    /** Whether fetching this sets \Seen (RFC 3501: BODY[…] and RFC822/RFC822.TEXT do, .PEEK does not). */
    static boolean setsSeen(FetchAttribute a) {
        return switch (a) {
            case BodySection b -> !b.peek();
            case Binary b -> !b.peek();
            case Simple s -> s == Simple.RFC822 || s == Simple.RFC822_TEXT;
            default -> false;
        };
    }
}
