package org.loftmail.server;

import java.util.List;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.mbox.MboxSettings;
import org.loftmail.mbox.MboxStorageProvider;
import org.loftmail.testkit.storage.TestBackend;

/** mbox as a backend for the protocol modules' test harnesses (see {@link MaildirTestBackend}). */
public final class MboxTestBackend {

    private MboxTestBackend() {}

    /** {@code mbox:~/mail:INBOX=~/spool/<user>}, Dovecot's default locks, no quota. */
    public static final TestBackend MBOX = new TestBackend("mbox",
            () -> new MboxStorageProvider(List.of(), QuotaSettings.NONE, MboxSettings.DEFAULTS),
            home -> "mbox:" + home.resolve("mail") + ":INBOX=" + home.resolve("spool").resolve("inbox"));
}
