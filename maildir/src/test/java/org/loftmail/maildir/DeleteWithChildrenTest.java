package org.loftmail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loftmail.core.mail.MailboxName;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.MailStorage;
import org.loftmail.core.storage.MailboxAttribute;
import org.loftmail.core.storage.MailboxInfo;
import org.loftmail.core.storage.MailboxNotFoundException;
import org.loftmail.core.storage.SelectedMailbox;
import org.loftmail.core.storage.StorageUser;
import org.loftmail.core.storage.quota.QuotaSettings;

/**
 * DELETE of a mailbox that has children, as Dovecot does it: the mailbox and its mail go, the children stay with
 * their messages and UIDs, and the name lists as their \Noselect parent (Maildir++ and LAYOUT=fs).
 */
class DeleteWithChildrenTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"maildir:~/Maildir", "maildir:~/Maildir:LAYOUT=fs"})
    void childrenSurviveTheirParent(String location) throws Exception {
        MaildirStorageProvider provider = new MaildirStorageProvider(List.of(), QuotaSettings.NONE);
        try (MailStorage s = provider.open(StorageUser.of("jsmith", home, location))) {
            MailboxName parent = MailboxName.of("Parent");
            MailboxName child = MailboxName.of("Parent", "Child");
            s.create(parent, java.util.Set.of());
            s.create(child, java.util.Set.of());
            for (MailboxName n : List.of(parent, child)) {
                s.mailbox(n).append(new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)),
                        AppendRequest.DEFAULT);
            }
            long childUid;
            try (SelectedMailbox v = s.mailbox(child).select(true)) {
                childUid = v.uid(1);
            }
            s.delete(parent);
            MailboxInfo listed = s.list().stream().filter(i -> i.name().equals(parent)).findFirst().orElseThrow();
            assertThat(listed.selectable()).isFalse();
            assertThat(listed.attributes()).contains(MailboxAttribute.HAS_CHILDREN);
            try (SelectedMailbox v = s.mailbox(child).select(true)) {
                assertThat(v.count()).isEqualTo(1);
                assertThat(v.uid(1)).isEqualTo(childUid);
            }
            assertThatThrownBy(() -> s.delete(parent)).isInstanceOf(MailboxNotFoundException.class);
        }
        provider.close();
    }
}
