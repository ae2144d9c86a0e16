package org.loftmail.submission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.loftmail.core.config.SettingsBinding;
import org.loftmail.core.config.TypedSettings;
import org.loftmail.smtp.client.ClientSecurity;
import org.loftmail.smtp.client.RelaySettings;
import org.loftmail.submission.relay.RelayTarget;

/**
 * Binds the configuration (resolved for {@code protocol submission}) to {@link SubmissionSettings}, as every
 * module's binder does (docs/adr/0103): values through {@link TypedSettings}, parsers inside
 * {@link SettingsBinding}. Every value that cannot be honoured is refused at the line that set it.
 */
public final class SubmissionSettingsBinder {

    /** The capabilities {@code submission_backend_capabilities} may name (Dovecot 2.3's list). */
    private static final Set<String> BACKEND_CAPABILITIES = Set.of("8BITMIME", "BINARYMIME", "DSN", "VRFY");

    private SubmissionSettingsBinder() {}

    public static SubmissionSettings bind(TypedSettings s) {
        return SettingsBinding.bind(s, () -> build(s));
    }

    private static SubmissionSettings build(TypedSettings s) {
        String hostname = hostname(s);
        Set<SubmissionSettings.Workaround> workarounds = EnumSet.noneOf(SubmissionSettings.Workaround.class);
        for (String name : s.list("submission_client_workarounds")) {
            workarounds.add(SettingsBinding.read("submission_client_workarounds",
                    () -> SubmissionSettings.Workaround.parse(name)));
        }
        boolean offer8Bit = true;
        if (s.isSet("submission_backend_capabilities")) {
            offer8Bit = false;
            for (String cap : s.list("submission_backend_capabilities")) {
                String upper = cap.toUpperCase(Locale.ROOT);
                if (!BACKEND_CAPABILITIES.contains(upper)) {
                    continue; // Dovecot: capabilities that do not depend on the relay "have no effect"
                }
                switch (upper) {
                    case "8BITMIME" -> offer8Bit = true;
                    case "VRFY" -> { } // VRFY is answered 252 either way, as Dovecot does without relay support
                    default -> throw s.invalid("submission_backend_capabilities",
                            "Loft's submission service does not relay " + upper + " yet; remove it from the list");
                }
            }
        }
        long maxRecipients = s.uint("submission_max_recipients");
        long maxUserIp = s.uint("mail_max_userip_connections");
        Path temp;
        try {
            temp = Path.of(s.string("mail_temp_dir"));
        } catch (RuntimeException e) {
            throw s.invalid("mail_temp_dir", "not a path: " + e.getMessage());
        }
        String logoutFormat = s.string("submission_logout_format");
        try {
            org.loftmail.submission.session.LogoutFormat.check(logoutFormat);
        } catch (IllegalArgumentException e) {
            throw s.invalid("submission_logout_format", e.getMessage());
        }
        return new SubmissionSettings(hostname, s.string("login_greeting"), temp, s.size("submission_max_mail_size"),
                (int) Math.min(Integer.MAX_VALUE, maxRecipients),
                workarounds, offer8Bit, relay(s, hostname), s.bool("submission_add_received_header"),
                logoutFormat, s.string("ssl").equalsIgnoreCase("required"),
                (int) Math.min(Integer.MAX_VALUE, maxUserIp), Duration.ofMinutes(3), Duration.ofMinutes(5), 65536, 10);
    }

    /** The relay, or null when {@code submission_relay_host} is empty (local users only). */
    static RelayTarget relay(TypedSettings s, String hostname) {
        String host = s.string("submission_relay_host").trim();
        if (host.isEmpty()) {
            for (String key : new String[] {"submission_relay_user", "submission_relay_password"}) {
                if (!s.string(key).isEmpty()) {
                    throw s.invalid(key, "set without submission_relay_host");
                }
            }
            return null;
        }
        if (!host.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw s.invalid("submission_relay_host", "invalid host name: " + host);
        }
        long port = s.uint("submission_relay_port");
        if (port < 1 || port > 65535) {
            throw s.invalid("submission_relay_port", "port out of range: " + port);
        }
        ClientSecurity security = switch (s.string("submission_relay_ssl").toLowerCase(Locale.ROOT)) {
            case "starttls" -> ClientSecurity.STARTTLS;
            case "smtps" -> ClientSecurity.IMPLICIT_TLS;
            default -> ClientSecurity.NONE;
        };
        boolean verify = s.bool("submission_relay_ssl_verify");
        Duration connect = s.duration("submission_relay_connect_timeout");
        Duration command = s.duration("submission_relay_command_timeout");
        if (command.isZero()) {
            throw s.invalid("submission_relay_command_timeout", "must not be 0");
        }
        Duration maxIdle = s.duration("submission_relay_max_idle_time");
        String user = s.string("submission_relay_user");
        String password = s.string("submission_relay_password");
        if (!user.isEmpty() && password.isEmpty()) {
            throw s.invalid("submission_relay_user", "needs submission_relay_password");
        }
        RelaySettings relay;
        try {
            relay = new RelaySettings(host, (int) port, security, verify ? null : trustAnyCertificate(), verify,
                    hostname, user, password, false,
                    connect.isZero() ? Duration.ofSeconds(30) : connect, command);
        } catch (IllegalArgumentException e) {
            throw s.invalid("submission_relay_host", e.getMessage());
        }
        boolean trusted = s.bool("submission_relay_trusted");
        return SettingsBinding.bind(s, () -> new RelayTarget(relay, trusted, maxIdle));
    }

    /** Dovecot's {@code hostname} setting, else the system's host name. */
    static String hostname(TypedSettings s) {
        String configured = s.string("hostname").trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** {@code submission_relay_ssl_verify = no}: the relay's certificate is not checked (the traffic is still encrypted). */
    static SSLSocketFactory trustAnyCertificate() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
