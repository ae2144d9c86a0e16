package org.loftmail.maildir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.loftmail.core.mail.FlagChange;
import org.loftmail.core.mail.Flags;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.mail.SystemFlag;
import org.loftmail.core.mail.UidSet;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.AppendResult;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * A second process for the crash and concurrency tests: {@code save <home> <count> <tag>} appends messages and
 * prints {@code ACK <uid> <tag>-<n>} after each acknowledged save; {@code flag <home> <rounds>} adds
 * \Flagged to every message one at a time, over and over, while others write; {@code pop3-lock <home>} takes the
 * POP3 session lock, prints {@code LOCKED} and holds it until a line arrives on stdin (or the process is killed).
 */
public final class ChildWorker {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        MailStorage storage = new MaildirStorageProvider(List.of(), QuotaSettings.NONE)
                .open(StorageUser.of("child", home, "maildir:~/Maildir"));
        switch (args[0]) {
            case "save" -> save(storage, Integer.parseInt(args[2]), args[3]);
            case "flag" -> flag(storage, Integer.parseInt(args[2]));
            case "pop3-lock" -> pop3Lock(storage);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("DONE");
        System.out.flush();
    }

    static byte[] body(String id) {
        StringBuilder sb = new StringBuilder("Subject: " + id + "\r\n\r\n");
        for (int i = 0; i < 400; i++) sb.append("line ").append(i).append(" of ").append(id).append(" ........................................\r\n");
        sb.append("END-").append(id).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void save(MailStorage storage, int count, String tag) throws Exception {
        for (int n = 0; n < count; n++) {
            String id = tag + "-" + n;
            AppendResult r = storage.mailbox(MailboxName.INBOX).append(new ByteArrayInputStream(body(id)), AppendRequest.DEFAULT);
            System.out.println("ACK " + r.uid() + " " + id);
            System.out.flush();
        }
    }

    private static void pop3Lock(MailStorage storage) throws Exception {
        try (var lock = storage.lockPop3Session(java.time.Duration.ofSeconds(10)).orElseThrow()) {
            System.out.println("LOCKED");
            System.out.flush();
            System.in.read();
        }
    }

    private static void flag(MailStorage storage, int rounds) throws Exception {
        try (SelectedMailbox v = storage.mailbox(MailboxName.INBOX).select(false)) {
            for (int round = 0; round < rounds; round++) {
                v.sync(true);
                for (int s = 1; s <= v.count(); s++) {
                    v.store(UidSet.of(v.uid(s)), FlagChange.ADD, Flags.of(SystemFlag.FLAGGED), OptionalLong.empty());
                }
            }
            v.expunge(Optional.of(UidSet.EMPTY));
        }
    }
}
