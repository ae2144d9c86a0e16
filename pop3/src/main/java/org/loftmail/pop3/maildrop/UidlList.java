package org.loftmail.pop3.maildrop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageRecord;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.pop3.Pop3Settings;

/**
 * Computes the UIDLs of a maildrop as Dovecot does: a UIDL the storage saved for the message (pop3_save_uidl,
 * Loft's or Dovecot's) is permanent and wins; else the message's X-UIDL header when pop3_reuse_xuidl is on and it
 * has one; else pop3_uidl_format. Duplicates are renamed with "-2", "-3"… when pop3_uidl_duplicates = rename.
 */
final class UidlList {

    /** One message's UIDL; {@code permanent} when the storage already keeps it (nothing to save). */
    record Uidl(String value, boolean permanent) {}

    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private final SelectedMailbox view;
    private final Pop3Settings settings;
    private final UidlFormat format;

    UidlList(SelectedMailbox view, Pop3Settings settings) {
        this.view = view;
        this.settings = settings;
        this.format = new UidlFormat(settings.uidlFormat());
    }

    List<Uidl> compute(long[] uids) throws MailStorageException {
        Map<Long, String> saved = view.savedPop3Uidls(UidSet.of(uids));
        List<Uidl> result = new ArrayList<>(uids.length);
        Map<String, Integer> seen = new HashMap<>();
        for (long uid : uids) {
            String permanent = saved.get(uid);
            String uidl = permanent != null ? permanent : uidlOf(uid);
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
            result.add(new Uidl(uidl, permanent != null));
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
        MessageRecord record = view.record(view.seq(uid));
        String fileName = "";
        if (format.usesFileName()) {
            // Dovecot refuses the UIDL listing when the storage has no file name for %f
            fileName = view.storageId(uid).orElseThrow(() -> new MailStorageException(
                    "UIDL: File name not found (pop3_uidl_format=%f not supported by storage?)"));
        }
        String md5 = "";
        if (format.usesMd5()) {
            md5 = view.headerMd5(uid).orElseThrow(() -> new MailStorageException(
                    "UIDL: Header MD5 not found (pop3_uidl_format=%m not supported by storage?)"));
        }
        return format.expand(uid, view.uidValidity(), record.guid(), fileName, md5);
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
