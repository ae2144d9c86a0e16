package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.DeliveryRecipient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.lmtp.RealStack;

/** RCPT through the real AuthService: passwd-file userdb with auth_username_format = %Ln. */
class AuthRecipientDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void usernameFormatDetailAndUserdbFields() throws Exception {
        try (RealStack stack = new RealStack(temp)) {
            MailDelivery delivery = stack.delivery(stack.settings().build(), "lmtp");
            RecipientCheck check = delivery.check("Bob+Lists@Example.COM", null, 0);
            assertThat(check).isInstanceOf(RecipientCheck.Accepted.class);
            DeliveryRecipient bob = ((RecipientCheck.Accepted) check).recipient();
            assertThat(bob.user()).isEqualTo("bob");
            assertThat(bob.address().detail()).isEqualTo("Lists");
            assertThat(bob.storage().mailLocation()).isEqualTo("maildir:" + temp.resolve("bob").resolve("Maildir"));
            assertThat(bob.storage().quotaRules()).containsExactly("*:storage=1K");
            assertThat(bob.userdbFields()).containsEntry("quota_rule", "*:storage=1K");
            assertThat(delivery.check("carol@example.com", null, 0))
                    .isEqualTo(new RecipientCheck.UnknownUser("carol@example.com"));
        }
    }
}
