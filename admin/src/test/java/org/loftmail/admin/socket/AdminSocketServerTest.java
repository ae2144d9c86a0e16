package org.loftmail.admin.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSocketServerTest {

    @TempDir
    Path dir;

    @Test
    void argumentsStandardInputOutputErrorAndExitCodeCrossTheSocketUnchanged() throws Exception {
        List<List<String>> seen = new ArrayList<>();
        List<String> input = new ArrayList<>();
        AdminSocketServer.Runner runner = (args, stdin, out, err) -> {
            seen.add(args);
            try {
                input.add(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
            out.print("INBOX\nSp\tam\n");
            err.println("doveadm(x): Error: something");
            out.print("x".repeat(20_000));
            return 68;
        };
        try (AdminSocketServer server = AdminSocketServer.start(dir.resolve("loft-admin"), runner, Set.of("mailbox", "save"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.path()))).isEqualTo("rw-------");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> args = List.of("-f", "flow", "mailbox", "list", "-u", "a\tb\nc\001d", "");
            byte[] message = "Subject: x\r\n\r\nbody\u0000\u0001".getBytes(StandardCharsets.UTF_8);
            int exit = AdminClient.run(server.path(), args, new ByteArrayInputStream(message), out, err);
            assertThat(exit).isEqualTo(68);
            assertThat(seen).containsExactly(args);
            assertThat(input).containsExactly(new String(message, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("INBOX\nSp\tam\n" + "x".repeat(20_000));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("doveadm(x): Error: something\n");
        }
    }

    @Test
    void commandsTheServerDoesNotRunAreRefusedAndNothingAnswersAfterClose() throws Exception {
        AdminSocketServer.Runner runner = (args, stdin, out, err) -> {
            throw new AssertionError("must not run");
        };
        Path path = dir.resolve("loft-admin");
        try (AdminSocketServer server = AdminSocketServer.start(path, runner, Set.of("mailbox"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = AdminClient.run(path, List.of("-c", "/etc/x", "config", "-n"), null, new ByteArrayOutputStream(), err);
            assertThat(exit).isEqualTo(64);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("'config' is not run by the server");
        }
        assertThat(path).doesNotExist();
        assertThatThrownBy(() -> AdminClient.run(path, List.of("mailbox"), null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream())).isInstanceOf(AdminClient.NoServerException.class);
    }

    @Test
    void escapingRoundTrips() {
        for (String s : List.of("", "plain", "\t", "\n\r\001\0", "a\001tb", "\001")) {
            assertThat(AdminProtocol.unescape(AdminProtocol.escape(s))).isEqualTo(s);
            assertThat(AdminProtocol.escape(s)).doesNotContain("\t", "\n", "\r");
        }
    }
}
