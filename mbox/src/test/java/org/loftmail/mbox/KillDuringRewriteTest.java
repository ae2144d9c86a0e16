package org.loftmail.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.storage.AppendRequest;
import org.loftmail.core.storage.SelectedMailbox;

/**
 * SIGKILL at random instants while another process rewrites the mbox (flag writes and expunges): after each kill
 * the next process finds every message that was not acknowledged as expunged, once, with its body intact (a
 * crashed rewrite's journal is replayed, a torn one dropped); UIDs never change.
 */
class KillDuringRewriteTest {

    @TempDir
    Path dir;

    private static String body(int i) {
        return ("message " + i + " ").repeat(400) + "\n";
    }

    @Test
    void aKilledRewriteLosesAndDuplicatesNothing() throws Exception {
        int total = 120;
        try (MboxFixture f = new MboxFixture(dir)) {
            for (int i = 1; i <= total; i++) {
                f.inbox().append(MboxFixture.text("Subject: " + i + "\n\n" + body(i)), AppendRequest.DEFAULT);
            }
        }
        Set<Long> acknowledged = new HashSet<>();
        for (int kill = 0; kill < 6; kill++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    RewriteWorker.class.getName(), dir.toString()));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(out.readLine()).isEqualTo("READY");
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) lines.add(line);
                } catch (java.io.IOException e) {
                    // the stream closes with the killed process
                }
            });
            // once the worker is rewriting (its first expunge is done), kill it at a random instant
            for (int wait = 0; lines.isEmpty() && wait < 600; wait++) Thread.sleep(50);
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 400));
            // SIGKILL; an acknowledgement written before it is in the pipe and still read
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
            p.waitFor();
            reader.join(10_000);
            for (String line : lines) {
                if (line.startsWith("EXPUNGED ")) acknowledged.add(Long.parseLong(line.substring(9)));
            }
            try (MboxFixture f = new MboxFixture(dir); SelectedMailbox v = f.inbox().select(true)) {
                Set<Long> present = new HashSet<>();
                for (long uid : v.uids().stream().toArray()) {
                    String text = new String(v.openPhysical(uid).readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(text).as("UID %d intact after kill %d", uid, kill).isEqualTo("Subject: " + uid + "\n\n" + body((int) uid));
                    assertThat(present.add(uid)).isTrue();
                }
                for (long uid = 1; uid <= total; uid++) {
                    if (acknowledged.contains(uid)) {
                        assertThat(present).as("acknowledged expunge of %d stays done", uid).doesNotContain(uid);
                    }
                }
                // at most the one expunge in flight at the kill may be done without its acknowledgement
                long missing = total - present.size() - acknowledged.size();
                assertThat(missing).as("after kill %d", kill).isBetween(0L, 1L);
                acknowledged.clear();
                for (long uid = 1; uid <= total; uid++) if (!present.contains(uid)) acknowledged.add(uid);
            }
        }
        assertThat(acknowledged).as("the worker got some work done").isNotEmpty();
    }
}
