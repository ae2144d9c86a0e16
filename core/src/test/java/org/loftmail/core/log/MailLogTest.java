package org.loftmail.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailLogTest {

    @Test
    void prefixesNameTheServiceAndTheUser() {
        assertThat(MailLog.of("imap-login").prefix()).isEqualTo("imap-login");
        assertThat(MailLog.of("imap", "jsmith").prefix()).isEqualTo("imap(jsmith)");
    }

    @Test
    void clientValuesCannotForgeLogLines() {
        assertThat(MailLog.sanitize("evil\r\nimap-login: Login: user=<root>")).doesNotContain("\n", "\r");
        assertThat(MailLog.of("imap", "a\nb").prefix()).isEqualTo("imap(a?b)");
        assertThat(MailLog.sanitize("x".repeat(1000))).hasSize(259).endsWith("...");
    }
}
