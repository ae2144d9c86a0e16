package org.loftmail.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.server.DemoTest.freePort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ManageSieve through the whole server: the demo's configuration ({@code protocols = … sieve},
 * {@code service managesieve-login { inet_listener sieve }}) starts a listener, the passwd-file user logs in, and
 * the script and active link land in the user's home as Pigeonhole lays them out.
 */
class ManageSieveServerTest {

    @Test
    void theDemoServesManageSieveIntoTheUsersHome(@TempDir Path home) throws Exception {
        int sievePort = freePort();
        Demo.Ports ports = new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), sievePort);
        Path var = home.resolve("var");
        String password = Demo.prepare(var, ports);
        try (LoftServer server = LoftServer.start(var.resolve("demo.conf"));
                Socket s = new Socket("127.0.0.1", sievePort)) {
            assertThat(server.port("managesieve-login", "sieve")).isEqualTo(sievePort);
            assertThat(server.describeListeners()).anyMatch(l -> l.startsWith("ManageSieve 127.0.0.1:" + sievePort));
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            OutputStream out = s.getOutputStream();
            List<String> greeting = new ArrayList<>();
            String line;
            while (!(line = in.readLine()).startsWith("OK")) greeting.add(line);
            assertThat(greeting).contains("\"SASL\" \"PLAIN LOGIN\"", "\"STARTTLS\"", "\"VERSION\" \"1.0\"");
            // sieve_extensions unset: Pigeonhole's default extensions
            assertThat(greeting).anyMatch(l -> l.startsWith("\"SIEVE\" \"fileinto reject envelope encoded-character"));
            String ir = Base64.getEncoder().encodeToString(("\0demo\0" + password).getBytes(UTF_8));
            out.write(("AUTHENTICATE \"PLAIN\" \"" + ir + "\"\r\n").getBytes(UTF_8));
            assertThat(in.readLine()).isEqualTo("OK \"Logged in.\"");
            out.write("PUTSCRIPT \"main\" {6+}\r\nkeep;\n\r\nSETACTIVE \"main\"\r\nLOGOUT\r\n".getBytes(UTF_8));
            assertThat(in.readLine()).isEqualTo("OK \"PUTSCRIPT completed.\"");
            assertThat(in.readLine()).isEqualTo("OK \"Setactive completed.\"");
            assertThat(in.readLine()).isEqualTo("OK \"Logout completed.\"");
            assertThat(in.readLine()).isNull();
        }
        Path user = var.resolve("mail/demo");
        assertThat(Files.readString(user.resolve("sieve/main.sieve"))).isEqualTo("keep;\n");
        assertThat(Files.readSymbolicLink(user.resolve(".dovecot.sieve")).toString()).isEqualTo("sieve/main.sieve");
    }
}
