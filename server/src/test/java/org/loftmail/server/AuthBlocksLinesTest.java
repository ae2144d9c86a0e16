package org.loftmail.server;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.testkit.SettingErrorTable;

/**
 * A passdb or userdb block whose driver cannot be set up is reported at the line of its own driver, args or
 * fields, in its own block, not at the first passdb (docs/adr/0103).
 */
class AuthBlocksLinesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            passdb {
              driver = static
              args = password=first
            }
            passdb {
              driver=static
              args = password=second
              default_fields = nopassword=no
            }
            userdb {
              driver = static
              args = uid=1000 gid=1000 home=/home/%n allow_all_users=yes
              override_fields = mail=maildir:~/Maildir
            }
            """;

    @TestFactory
    Stream<DynamicTest> eachBlockIsReportedAtItsOwnLine() {
        return SettingErrorTable.of(dir, GOOD, AuthBlocksLinesTest::wire)
                .row("args = password=second", "args = user=someone",
                        "passdb static: args need password=… or nopassword")
                .row("driver=static", "driver = ldap", "Unknown passdb driver 'ldap'")
                .row("default_fields = nopassword=no", "default_fields = x=%Q", "default_fields")
                .row("args = uid=1000 gid=1000 home=/home/%n allow_all_users=yes",
                        "args = uid=1000 gid=1000 home=/home/%Q allow_all_users=yes", "userdb static args home")
                .row("override_fields = mail=maildir:~/Maildir", "override_fields = mail=%Q", "override_fields")
                .tests();
    }

    private static void wire(LoftConfig config) {
        try (ProcessStorage storage = new ProcessStorage()) {
            new Wiring(config, null, storage).close();
        }
    }
}
