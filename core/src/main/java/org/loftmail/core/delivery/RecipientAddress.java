package org.loftmail.core.delivery;

import java.util.Locale;
import java.util.Objects;

/**
 * An envelope recipient split the way delivery needs it: the address as given, the address without its detail
 * ({@code jsmith+lists@example.com} → {@code jsmith@example.com}, the name the userdb is asked for) and the detail
 * ({@code lists}, for {@code lmtp_save_to_detail_mailbox} and Sieve's subaddress). {@code recipient_delimiter} may
 * list several characters; the first one found in the local part splits it (as Dovecot 2.3 does).
 */
public record RecipientAddress(String address, String withoutDetail, String detail, char delimiter) {

    public RecipientAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(withoutDetail, "withoutDetail");
        Objects.requireNonNull(detail, "detail");
    }

    public static RecipientAddress parse(String address, String delimiters) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domainPart = at < 0 ? "" : address.substring(at);
        int split = -1;
        for (int i = 0; i < local.length() && !delimiters.isEmpty(); i++) {
            if (delimiters.indexOf(local.charAt(i)) >= 0) {
                split = i;
                break;
            }
        }
        if (split <= 0) {
            return new RecipientAddress(address, address, "", '\0');
        }
        return new RecipientAddress(address, local.substring(0, split) + domainPart, local.substring(split + 1),
                local.charAt(split));
    }

    public boolean hasDetail() {
        return !detail.isEmpty();
    }

    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
