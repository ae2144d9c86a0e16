package org.loftmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.transport.BoundListener;
import org.loftmail.transport.ConnectionLimiter;
import org.loftmail.transport.ListenerSpec;
import org.loftmail.transport.NetServer;

/**
 * 10,000 small messages over 10 parallel LMTP connections into real Maildirs: every 250 must match exactly one
 * message file on disk, and nothing else may be there. (Throughput belongs to the benchmarks, not here.)
 */
class LmtpLoadTest {

    private static final int CONNECTIONS = 10;
    /** 10 × 1000 = 10,000 messages; {@code -Dloft.lmtp.load.perConnection=N} changes it for quick runs. */
    private static final int PER_CONNECTION = Integer.getInteger("loft.lmtp.load.perConnection", 1000);
    private static final Pattern TOKEN = Pattern.compile("X-Load-Token: (c\\d+m\\d+)");

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedMessageIsOnDiskExactlyOnce() throws Exception {
        try (RealStack stack = new RealStack(temp); NetServer server = new NetServer(2)) {
            LmtpService service = new LmtpService(LmtpSettings.defaults("mx.loft.test"),
                    stack.delivery(stack.settings().build(), "lmtp"));
            try (BoundListener listener = server.bind(
                    new ListenerSpec.Inet("lmtp", "lmtp", "127.0.0.1", ListenerSpec.EPHEMERAL, false), service, null,
                    ConnectionLimiter.unlimited())) {
                ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
                List<Future<Map<String, String>>> results = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int conn = c;
                    results.add(pool.submit(() -> sendAll(listener.port(), conn)));
                }
                Map<String, String> acknowledged = new HashMap<>(); // token -> user
                for (Future<Map<String, String>> f : results) {
                    acknowledged.putAll(f.get());
                }
                pool.shutdown();
                assertThat(acknowledged).hasSize(CONNECTIONS * PER_CONNECTION);

                Map<String, String> onDisk = new HashMap<>();
                List<String> users = new ArrayList<>(List.of("alice"));
                for (int c = 0; c < CONNECTIONS; c++) {
                    users.add("load" + c);
                }
                for (String user : users) {
                    for (Path file : stack.inboxFiles(user)) {
                        Matcher m = TOKEN.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                        assertThat(m.find()).as("token in %s", file).isTrue();
                        String previous = onDisk.put(m.group(1), user);
                        assertThat(previous).as("token %s stored twice", m.group(1)).isNull();
                    }
                    assertThat(stack.tmpFiles(user)).isEmpty();
                }
                assertThat(onDisk).isEqualTo(acknowledged);
            }
        }
    }

    /** Sends PER_CONNECTION messages, pipelining each transaction; returns token -> user of every 250. */
    private static Map<String, String> sendAll(int port, int conn) throws Exception {
        Map<String, String> acknowledged = new HashMap<>();
        try (LmtpClient c = new LmtpClient(port)) {
            assertThat(c.line()).startsWith("220");
            assertThat(c.send("LHLO load.test")).contains("PIPELINING");
            for (int i = 0; i < PER_CONNECTION; i++) {
                String token = "c" + conn + "m" + i;
                // each connection mostly feeds its own user, and every tenth message goes to a shared one
                String user = i % 10 == 0 ? "alice" : "load" + conn;
                c.raw("MAIL FROM:<load@example.org>\r\nRCPT TO:<" + user + "@loft.test>\r\nDATA\r\n");
                assertThat(c.reply()).containsExactly("250 2.1.0 OK");
                assertThat(c.reply()).containsExactly("250 2.1.5 OK");
                assertThat(c.reply()).containsExactly("354 OK");
                c.raw("Subject: load " + token + "\r\nX-Load-Token: " + token + "\r\n\r\nsmall body " + token
                        + "\r\n.\r\n");
                String reply = c.reply().get(0);
                if (reply.startsWith("250 2.0.0 <" + user + "@loft.test>")) {
                    acknowledged.put(token, user);
                }
            }
            assertThat(c.send("QUIT")).isEqualTo("221 2.0.0 OK");
        }
        return acknowledged;
    }
}
