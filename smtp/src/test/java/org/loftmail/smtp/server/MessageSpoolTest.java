package org.loftmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool keeps small messages in memory and large ones in a file, byte for byte either way. */
class MessageSpoolTest {

    @TempDir
    Path temp;

    private static byte[] lines(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(("line " + i + " " + "x".repeat(70) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] spoolLineByLine(MessageSpool spool, byte[] message) throws Exception {
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                spool.write(message, start, i + 1 - start);
                start = i + 1;
            }
        }
        spool.finish();
        try (InputStream in = spool.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aMessageOverTheMemoryThresholdGoesToAFileAndComesBackExactly() throws Exception {
        byte[] message = lines(5000); // ~400 KB, past the 128 KiB kept in memory
        assertThat(message.length).isGreaterThan(MessageSpool.MEMORY_THRESHOLD);
        try (MessageSpool spool = new MessageSpool(temp, 0)) {
            assertThat(spoolLineByLine(spool, message)).isEqualTo(message);
            assertThat(spool.file()).isPresent();
            assertThat(Files.size(spool.file().get())).isEqualTo(message.length);
        }
        try (var files = Files.list(temp)) {
            assertThat(files).as("the spool file is removed on close").isEmpty();
        }
    }

    @Test
    void aSmallMessageStaysInMemory() throws Exception {
        byte[] message = lines(10);
        try (MessageSpool spool = new MessageSpool(temp, 0)) {
            assertThat(spoolLineByLine(spool, message)).isEqualTo(message);
            assertThat(spool.file()).isEmpty();
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsCountedButNotKept() throws Exception {
        byte[] message = lines(5000);
        try (MessageSpool spool = new MessageSpool(temp, 200_000)) {
            int start = 0;
            for (int i = 0; i < message.length; i++) {
                if (message[i] == '\n') {
                    spool.write(message, start, i + 1 - start);
                    start = i + 1;
                }
            }
            spool.finish();
            assertThat(spool.tooBig()).isTrue();
            assertThat(spool.size()).isEqualTo(message.length);
        }
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }
}
