package org.loftmail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 10: started with SIGHUP ignored (nohup, some init scripts), the JVM refuses to install a handler,
 * so reloading by SIGHUP silently did nothing. Loft now says so at startup. A real process: the server is started
 * by a shell that ignores HUP, as nohup would.
 */
class IgnoredHangupTest {

    @Test
    void startingWithSighupIgnoredIsLogged(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("loft.log");
        Files.writeString(dir.resolve("users"), "jsmith:{PLAIN}secret:::::\n");
        Path conf = dir.resolve("loft.conf");
        Files.writeString(conf, """
                protocols = none
                base_dir = %1$s
                ssl = no
                log_path = %2$s
                info_log_path = %2$s
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                """.formatted(dir, log));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "trap '' HUP; exec \"$0\" -cp \"$1\" org.loftmail.server.Main serve -c \"$2\"",
                java, System.getProperty("java.class.path"), conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline) && !(Files.exists(log) && Files.readString(log).contains("SIGHUP"))) {
                assertThat(p.isAlive()).as("server exited: %s", Files.readString(dir.resolve("out.txt"))).isTrue();
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("master: Warning: SIGHUP is ignored by this process "
                    + "(started with it ignored, e.g. by nohup): reloading needs a restart");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
