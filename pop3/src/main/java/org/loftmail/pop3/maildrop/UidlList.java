package org.loftmail.pop3.maildrop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.pop3.Pop3Settings;

/**
 * Computes the UIDLs of a maildrop as Dovecot does: the message's X-UIDL header when pop3_reuse_xuidl is on and
 * it has one, else a UIDL saved earlier (pop3_save_uidl), else pop3_uidl_format; duplicates are renamed with
 * "-2", "-3"… when pop3_uidl_duplicates = rename.
 */
final class UidlList {

    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private final SelectedMailbox view;
    private final Pop3Settings settings;
    private final String cacheSlot;
    private final UidlFormat format;

    UidlList(SelectedMailbox view, Pop3Settings settings, String cacheSlot) {
        this.view = view;
        this.settings = settings;
        this.cacheSlot = cacheSlot;
        this.format = new UidlFormat(settings.uidlFormat());
    }

    List<String> compute(long[] uids) throws MailStorageException {
        List<String> result = new ArrayList<>(uids.length);
        Map<String, Integer> seen = new HashMap<>();
        for (long uid : uids) {
            String uidl = uidlOf(uid);
            if (settings.uidlDuplicates() == Pop3Settings.UidlDuplicates.RENAME) {
                int n = seen.merge(uidl, 1, Integer::sum);
                if (n > 1) {
                    String renamed = uidl + "-" + n;
                    while (seen.containsKey(renamed)) {
                        n = seen.merge(uidl, 1, Integer::sum);
                        renamed = uidl + "-" + n;
                    }
                    seen.put(renamed, 1);
                    uidl = renamed;
                }
            }
            result.add(uidl);
        }
        return result;
    }

    private String uidlOf(long uid) throws MailStorageException {
        if (settings.reuseXuidl()) {
            Optional<String> x = xUidl(uid);
            if (x.isPresent()) {
                return x.get();
            }
        }
        Optional<byte[]> saved = view.cached(uid, cacheSlot);
        if (saved.isPresent() && saved.get().length > 0) {
            return new String(saved.get(), StandardCharsets.UTF_8);
        }
        MessageRecord record = view.record(view.seq(uid));
        String uidl = format.expand(uid, view.uidValidity(), record.guid());
        if (settings.saveUidl()) {
            view.cache(uid, cacheSlot, uidl.getBytes(StandardCharsets.UTF_8));
        }
        return uidl;
    }

    private Optional<String> xUidl(long uid) throws MailStorageException {
        try (InputStream in = view.open(uid)) {
            return Maildrop.xUidlHeader(readHeader(in));
        } catch (MailStorageException e) {
            throw e;
        } catch (IOException e) {
            throw new MailStorageException("cannot read the header of UID " + uid, e);
        }
    }

    /** The header block up to the empty line (or a cap), CRLF form. */
    static byte[] readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        int state = 0; // count of "\r\n" chars of "\r\n\r\n" matched
        int b;
        while (out.size() < MAX_HEADER_BYTES && (b = in.read()) >= 0) {
            out.write(b);
            if (b == '\r' && (state == 0 || state == 2)) {
                state++;
            } else if (b == '\n' && (state == 1 || state == 3)) {
                state++;
                if (state == 4) {
                    break;
                }
            } else if (b == '\n' && out.size() == 1) {
                break;
            } else {
                state = b == '\r' ? 1 : 0;
            }
        }
        return out.toByteArray();
    }
}
