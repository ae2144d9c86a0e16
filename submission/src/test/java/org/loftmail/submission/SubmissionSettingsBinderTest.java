package org.loftmail.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loftmail.core.config.ConfigException;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.smtp.client.ClientSecurity;

/** Every submission_* setting Loft accepts is bound, inside {@code protocol submission} too; the rest are refused at their line. */
class SubmissionSettingsBinderTest {

    @TempDir
    Path temp;

    private LoftConfig config(String text) throws Exception {
        Path file = temp.resolve("dovecot.conf");
        Files.writeString(file, text);
        return LoftConfig.load(file);
    }

    @Test
    void defaultsDeliverLocallyWithDovecotsLimits() throws Exception {
        SubmissionSettings s = SubmissionSettingsBinder.bind(config("hostname = mx.example.com\n").settings("submission"));
        assertThat(s.hostname()).isEqualTo("mx.example.com");
        assertThat(s.relay()).isNull();
        assertThat(s.maxMailSize()).isZero();
        assertThat(s.maxRecipients()).isZero();
        assertThat(s.workarounds()).isEmpty();
        assertThat(s.offer8BitMime()).isTrue();
        assertThat(s.addReceivedHeader()).isTrue();
        assertThat(s.logoutFormat()).isEqualTo("in=%i out=%o");
        assertThat(s.maxUserIpConnections()).isEqualTo(10);
        assertThat(s.sslRequired()).isFalse();
    }

    @Test
    void everySettingIsBoundAndProtocolBlocksApply() throws Exception {
        LoftConfig c = config("""
                hostname = mx.example.com
                login_greeting = Submit here.
                ssl = required
                submission_relay_host = smtp.example.com
                protocol submission {
                  submission_max_mail_size = 20M
                  submission_max_recipients = 50
                  submission_client_workarounds = whitespace-before-path mailbox-for-path
                  submission_backend_capabilities = 8BITMIME VRFY
                  submission_add_received_header = no
                  submission_logout_format = in=%i out=%o cmds=%{command_count} replies=%{reply_count} %{session} %{transaction_id}
                  submission_relay_port = 587
                  submission_relay_trusted = yes
                  submission_relay_user = loft
                  submission_relay_password = s3cret
                  submission_relay_ssl = starttls
                  submission_relay_ssl_verify = no
                  submission_relay_max_idle_time = 10 mins
                  submission_relay_connect_timeout = 7 secs
                  submission_relay_command_timeout = 2 mins
                  mail_max_userip_connections = 3
                }
                """);
        SubmissionSettings s = SubmissionSettingsBinder.bind(c.settings("submission"));
        assertThat(s.greeting()).isEqualTo("Submit here.");
        assertThat(s.sslRequired()).isTrue();
        assertThat(s.maxMailSize()).isEqualTo(20L * 1024 * 1024);
        assertThat(s.maxRecipients()).isEqualTo(50);
        assertThat(s.workarounds()).containsExactlyInAnyOrder(SubmissionSettings.Workaround.values());
        assertThat(s.offer8BitMime()).isTrue();
        assertThat(s.addReceivedHeader()).isFalse();
        assertThat(s.maxUserIpConnections()).isEqualTo(3);
        var relay = s.relay();
        assertThat(relay.trusted()).isTrue();
        assertThat(relay.maxIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(relay.connection().host()).isEqualTo("smtp.example.com");
        assertThat(relay.connection().port()).isEqualTo(587);
        assertThat(relay.connection().security()).isEqualTo(ClientSecurity.STARTTLS);
        assertThat(relay.connection().verifyHostname()).isFalse();
        assertThat(relay.connection().username()).isEqualTo("loft");
        assertThat(relay.connection().password()).isEqualTo("s3cret");
        assertThat(relay.connection().heloName()).isEqualTo("mx.example.com");
        assertThat(relay.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(relay.connection().readTimeout()).isEqualTo(Duration.ofMinutes(2));
        // other protocols are not affected by the protocol block
        assertThat(SubmissionSettingsBinder.bind(c.settings("imap")).maxMailSize()).isZero();
        // an empty capability list offers none of the relay-dependent ones
        assertThat(SubmissionSettingsBinder.bind(config("submission_backend_capabilities =\n").settings("submission"))
                .offer8BitMime()).isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("submission_client_workarounds = outlook-pop3\n", "Unknown workaround: outlook-pop3"),
                Arguments.of("submission_backend_capabilities = DSN\n", "does not relay DSN"),
                Arguments.of("submission_backend_capabilities = BINARYMIME\n", "does not relay BINARYMIME"),
                Arguments.of("submission_logout_format = %{bytes}\n", "unknown variable %{bytes}"),
                Arguments.of("submission_relay_host = mx\nsubmission_relay_port = 70000\n", "port out of range"),
                Arguments.of("submission_relay_host = mx\nsubmission_relay_max_idle_time = 0\n", "must not be 0"),
                Arguments.of("submission_relay_host = mx\nsubmission_relay_command_timeout = 0\n", "must not be 0"),
                Arguments.of("submission_relay_host = mx\nsubmission_relay_user = u\n", "needs submission_relay_password"),
                Arguments.of("submission_relay_user = u\n", "set without submission_relay_host"),
                Arguments.of("submission_relay_host = bad host\n", "invalid"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusedAtTheLineThatSetIt(String text, String message) throws Exception {
        LoftConfig c = config("hostname = mx.example.com\n" + text);
        int line = text.split("\n").length + 1;
        assertThatThrownBy(() -> SubmissionSettingsBinder.bind(c.settings("submission")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dovecot.conf:" + line)
                .hasMessageContaining(message);
    }

    @Test
    void unsupportedRelaySettingsAreRefusedByTheParser() {
        assertThatThrownBy(() -> config("submission_relay_rawlog_dir = /var/log/raw\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dovecot.conf:1")
                .hasMessageContaining("submission_relay_rawlog_dir");
        assertThatThrownBy(() -> config("\nsubmission_relay_master_user = master\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dovecot.conf:2")
                .hasMessageContaining("submission_relay_master_user");
        assertThatThrownBy(() -> config("submission_relay_ssl = tls\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dovecot.conf:1");
    }
}
