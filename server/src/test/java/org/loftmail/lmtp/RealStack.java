package org.loftmail.lmtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.loftmail.auth.AuthService;
import org.loftmail.auth.AuthSettings;
import org.loftmail.auth.PassDbSettings;
import org.loftmail.auth.UserDbSettings;
import org.loftmail.core.storage.MailStorageRegistry;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;
import org.loftmail.lmtp.delivery.AuthRecipientDirectory;
import org.loftmail.core.delivery.DeliveryFilter;
import org.loftmail.lmtp.delivery.DeliverySettings;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.core.delivery.MailSender;
import org.loftmail.maildir.MaildirStorageProvider;

/**
 * The delivery path over the real pieces: the AuthService with a passwd-file userdb and auth_username_format %Ln,
 * Maildir storage with Maildir++ quota ({@code quota = maildir}, no grace). Users: alice, dave (no limit), bob
 * (quota_rule *:storage=1K from the userdb), load0…load9 for the load test. Mail lives under
 * {@code root/<user>/Maildir}.
 */
public final class RealStack implements AutoCloseable {

    public final Path root;
    public final AuthService auth;
    public final MaildirStorageProvider maildir;

    public RealStack(Path root) throws IOException {
        this(root, true);
    }

    /** {@code create}: write the passwd-file (false: use the one a test already wrote, as the lda child does). */
    public RealStack(Path root, boolean create) throws IOException {
        this.root = root;
        Path passwd = root.resolve("passwd");
        if (create) {
            writePasswd(root, passwd);
        }
        AuthSettings settings = AuthSettings.defaults(
                        List.of(PassDbSettings.of("passwd-file", passwd.toString())),
                        List.of(UserDbSettings.of("passwd-file", passwd.toString())))
                .withUsernames("%Ln", "", null, "");
        this.auth = AuthService.create(settings);
        this.maildir = new MaildirStorageProvider(List.of(), QuotaSettings.of("maildir:User quota", List.of(), "0"));
    }

    private static void writePasswd(Path root, Path passwd) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> users = new ArrayList<>(List.of("alice", "bob", "dave"));
        for (int i = 0; i < 10; i++) {
            users.add("load" + i);
        }
        for (String user : users) {
            String extra = "userdb_mail=maildir:" + root.resolve(user).resolve("Maildir");
            if (user.equals("bob")) {
                extra += " userdb_quota_rule=*:storage=1K";
            }
            lines.add(user + ":{PLAIN}secret::::" + root.resolve(user) + "::" + extra);
        }
        Files.write(passwd, lines);
    }

    public MailDelivery delivery(DeliverySettings settings, String service) {
        AuthRecipientDirectory directory = new AuthRecipientDirectory(auth, service, info -> new StorageUser(
                info.user(), info.home() == null ? null : Path.of(info.home()), info.mail(), OptionalInt.empty(),
                OptionalInt.empty(), info.quotaRule() == null ? List.of() : List.of(info.quotaRule())));
        return new MailDelivery(directory, new MailStorageRegistry().register(maildir), settings,
                DeliveryFilter.KEEP_ALL, "", MailSender.NONE);
    }

    public DeliverySettings.Builder settings() {
        return DeliverySettings.builder("mx.loft.test", root.resolve("tmp")).mailPlugins(List.of("quota"));
    }

    /** Every message file of a user's INBOX (new/ and cur/). */
    public List<Path> inboxFiles(String user) throws IOException {
        Path maildirRoot = root.resolve(user).resolve("Maildir");
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path dir = maildirRoot.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Files in a user's Maildir tmp/ (a half-written message would be here). */
    public List<Path> tmpFiles(String user) throws IOException {
        Path tmp = root.resolve(user).resolve("Maildir").resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    @Override
    public void close() {
        auth.close();
        maildir.close();
    }
}
