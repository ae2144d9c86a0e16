package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loftmail.server.DemoTest.freePort;
import static org.loftmail.server.DemoTest.imapCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage providers (each mailbox's in-memory state and change feed) live as long as the process: a reload
 * must not give a mailbox a second state that sessions begun before the reload do not listen to.
 */
class ReloadKeepsStorageTest {

    private static String lmtpDeliver(int port, String rcpt, String message) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write(("LHLO test\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<" + rcpt + ">\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // LHLO capabilities
            }
            assertThat(line).startsWith("250"); // the LHLO's last line
            assertThat(in.readLine()).startsWith("250"); // MAIL
            assertThat(in.readLine()).startsWith("250"); // RCPT
            assertThat(in.readLine()).startsWith("354");
            out.write((message + "\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    @Test
    void anIdleSessionFromBeforeAReloadHearsADeliveryMadeAfterItWithinASecond(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        Path var = home.resolve("var");
        String password = Demo.prepare(var, ports);
        Path config = var.resolve("demo.conf");
        try (LoftServer server = LoftServer.start(config);
                Socket s = new Socket("127.0.0.1", ports.imap())) {
            ProcessStorage storage = server.storage();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            s.setSoTimeout(10_000);
            assertThat(in.readLine()).startsWith("* OK");
            assertThat(imapCommand(in, out, "a", "LOGIN demo " + password)).startsWith("a OK");
            assertThat(imapCommand(in, out, "b", "SELECT INBOX")).startsWith("b OK");
            out.write("c IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("+ ");

            Files.writeString(config, Files.readString(config) + "login_greeting = Reloaded.\n");
            server.reload();
            assertThat(server.storage()).isSameAs(storage);

            assertThat(lmtpDeliver(ports.lmtp(), "demo@example.com", "Subject: after the reload\r\n\r\nHello"))
                    .startsWith("250 2.0.0");
            s.setSoTimeout(1_000);
            String pushed;
            try {
                pushed = in.readLine();
            } catch (SocketTimeoutException e) {
                pushed = "(nothing within a second)";
            }
            assertThat(pushed).isEqualTo("* 1 EXISTS");
            s.setSoTimeout(10_000);
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while (!(line = in.readLine()).startsWith("c ")) {
                // the rest of the push (RECENT)
            }
            assertThat(line).startsWith("c OK");
            assertThat(imapCommand(in, out, "d", "LOGOUT")).startsWith("d OK");
        }
    }
}
