package org.loftmail.core.storage;

/** LIST attributes the storage knows (special-use is separate, see {@link SpecialUse}). */
public enum MailboxAttribute {
    NOSELECT("\\Noselect"),
    NOINFERIORS("\\Noinferiors"),
    HAS_CHILDREN("\\HasChildren"),
    HAS_NO_CHILDREN("\\HasNoChildren"),
    MARKED("\\Marked"),
    UNMARKED("\\Unmarked");

    private final String imapName;

    MailboxAttribute(String imapName) {
        this.imapName = imapName;
    }

    public String imapName() {
        return imapName;
    }
}
