package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.ConfigException;

class LoftServerTest {

    private static Path write(Path dir, String config) throws Exception {
        Path file = dir.resolve("loft.conf");
        Files.writeString(file, config);
        return file;
    }

    /** A configuration serving only the auth sockets, with one passwd-file user. */
    private static String authOnly(Path dir) throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "jsmith:{PLAIN}secret:::::\n");
        return """
                protocols = none
                base_dir = %1$s
                ssl = no
                passdb {
                  driver = passwd-file
                  args = %2$s
                }
                userdb {
                  driver = passwd-file
                  args = %2$s
                }
                """.formatted(dir, users);
    }

    private static List<String> handshake(Path socket) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.equals("DONE") || line.startsWith("VERSION\t1\t1") && socket.endsWith("auth-userdb")) {
                    break;
                }
            }
            return lines;
        }
    }

    @Test
    void authSocketsAreCreatedFromTheServiceBlockWithTheirModes(@TempDir Path dir) throws Exception {
        Path config = write(dir, authOnly(dir) + """
                service auth {
                  unix_listener auth-client {
                    mode = 0660
                  }
                  unix_listener postfix-auth {
                    mode = 0600
                  }
                }
                """);
        try (LoftServer server = LoftServer.start(config)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("auth-client"))))
                    .isEqualTo("rw-rw----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postfix-auth"))))
                    .isEqualTo("rw-------");
            assertThat(handshake(dir.resolve("postfix-auth"))).first().isEqualTo("VERSION\t1\t2");
            assertThat(handshake(dir.resolve("postfix-auth"))).contains("DONE").anyMatch(l -> l.startsWith("MECH\tPLAIN"));
            assertThat(server.describeListeners()).anyMatch(l -> l.contains("postfix-auth"));
        }
        assertThat(dir.resolve("postfix-auth")).doesNotExist();
    }

    @Test
    void aBrokenConfigurationNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocols = none\nbase_dir = " + dir + "\nno_such_setting = 1\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:3");
    }

    @Test
    void aMissingUserdbIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocols = none\nbase_dir = " + dir + "\nssl = no\npassdb {\n  driver = static\n"
                + "  args = password=x\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf")
                .hasMessageContaining("userdb");
    }

    @Test
    void certificatesPerAddressAreRefusedRatherThanIgnored(@TempDir Path dir) throws Exception {
        var pair = org.loftmail.transport.SelfSignedCertificates.generate("mail.example.com");
        Files.writeString(dir.resolve("cert.pem"), pair.certPem());
        Files.writeString(dir.resolve("key.pem"), pair.keyPem());
        Path config = write(dir, "protocols = none\nbase_dir = " + dir + "\nssl = yes\nssl_cert = <" + dir
                + "/cert.pem\nssl_key = <" + dir + "/key.pem\nlocal 127.0.0.1 {\n  ssl_cert = <" + dir
                + "/cert.pem\n  ssl_key = <" + dir + "/key.pem\n}\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("loft.conf:7")
                .hasMessageContaining("not supported yet");
    }

    @Test
    void loginServicesAreAlsoBoundByThePostLoginProcessLimit(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocols = imap\nbase_dir = " + dir + "\nservice imap {\n  process_limit = 7\n}\n");
        var loaded = org.loftmail.core.config.LoftConfig.load(config);
        assertThat(LoftServer.connectionLimit(loaded, loaded.service("imap-login").orElseThrow())).isEqualTo(7);
        assertThat(LoftServer.connectionLimit(loaded, loaded.service("lmtp").orElseThrow())).isGreaterThan(7);
    }

    @Test
    void aServicesListenersShareOneConnectionLimit(@TempDir Path dir) throws Exception {
        int a;
        int b;
        try (java.net.ServerSocket s1 = new java.net.ServerSocket(0); java.net.ServerSocket s2 = new java.net.ServerSocket(0)) {
            a = s1.getLocalPort();
            b = s2.getLocalPort();
        }
        Path config = write(dir, authOnly(dir) + """
                protocols = imap
                listen = 127.0.0.1
                service imap {
                  process_limit = 1
                }
                service imap-login {
                  inet_listener imap {
                    port = %d
                  }
                  inet_listener imap2 {
                    port = %d
                  }
                }
                """.formatted(a, b));
        try (LoftServer server = LoftServer.start(config);
                java.net.Socket first = new java.net.Socket("127.0.0.1", a)) {
            first.setSoTimeout(10_000);
            assertThat(new BufferedReader(new InputStreamReader(first.getInputStream())).readLine()).startsWith("* OK");
            try (java.net.Socket second = new java.net.Socket("127.0.0.1", b)) {
                second.setSoTimeout(10_000);
                assertThat(new BufferedReader(new InputStreamReader(second.getInputStream())).readLine())
                        .startsWith("* BYE");
            }
        }
    }

    @Test
    void sslWithoutACertificateIsAStartupError(@TempDir Path dir) throws Exception {
        Path config = write(dir, "protocols = none\nbase_dir = " + dir + "\nssl = required\n");
        assertThatThrownBy(() -> LoftServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl_cert");
    }

    @Test
    void reloadKeepsUnchangedListenersAndAddsNewOnes(@TempDir Path dir) throws Exception {
        String base = authOnly(dir);
        Path config = write(dir, base);
        try (LoftServer server = LoftServer.start(config)) {
            long inode = (long) Files.getAttribute(dir.resolve("auth-client"), "unix:ino");
            Files.writeString(config, base + "service auth {\n  unix_listener extra-auth {\n    mode = 0600\n  }\n}\n");
            server.reload();
            assertThat(dir.resolve("extra-auth")).exists();
            assertThat((long) Files.getAttribute(dir.resolve("auth-client"), "unix:ino")).isEqualTo(inode);
            Files.writeString(config, base + "this is broken {{{\n");
            server.reload(); // logged, and the running configuration stays
            assertThat(dir.resolve("extra-auth")).exists();
            assertThat(handshake(dir.resolve("extra-auth"))).contains("DONE");
        }
    }
}
