package org.loftmail.mbox;

import java.io.ByteArrayOutputStream;

/** Removes Dovecot's hidden fields ({@link DovecotHeaders#HIDDEN}) from a header, continuation lines included. */
final class HeaderFilter {

    private HeaderFilter() {}

    /**
     * @param header the header bytes, possibly ending with the empty line
     * @param keepBlank whether the empty line that ends the header is kept
     */
    static byte[] visible(byte[] header, int length, boolean keepBlank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        boolean hidden = false;
        int i = 0;
        while (i < length) {
            int eol = i;
            while (eol < length && header[eol] != '\n') eol++;
            int next = Math.min(eol + 1, length);
            int content = eol - i;
            if (content > 0 && header[eol - 1] == '\r') content--;
            if (content == 0) {
                if (keepBlank) out.write(header, i, next - i);
                break;
            }
            String name = DovecotHeaders.fieldName(java.util.Arrays.copyOfRange(header, i, i + Math.min(content, 256)), Math.min(content, 256));
            if (name != null) hidden = DovecotHeaders.isHidden(name);
            if (!hidden) out.write(header, i, next - i);
            i = next;
        }
        return out.toByteArray();
    }
}
