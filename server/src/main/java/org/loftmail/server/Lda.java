package org.loftmail.server;

import java.io.PrintStream;
import java.nio.file.Path;
import org.loftmail.admin.AdminCli;
import org.loftmail.core.config.LoftConfig;
import org.loftmail.lmtp.lda.LdaCommand;
import org.loftmail.lmtp.lda.LdaEnvironment;

/**
 * {@code loft lda …}: local delivery for Postfix's pipe(8), with the same delivery path as LMTP, whether or not
 * the server runs. The configuration is {@code -c FILE}, else /etc/loft/loft.conf.
 */
final class Lda {

    private Lda() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        return LdaCommand.run(args, System.in, out, err, Lda::load);
    }

    static LdaEnvironment load(Path configFile) throws Exception {
        LoftConfig config = LoftConfig.load(configFile != null ? configFile : AdminCli.DEFAULT_CONFIG);
        var logging = config.logging("lda");
        LoggingSetup.check(logging, config.settings("lda"));
        LoggingSetup.configure(LoggingSetup.Paths.of(logging));
        ProcessStorage storage = new ProcessStorage();
        Wiring wiring = new Wiring(config, null, storage);
        wiring.applyStorageSettings(storage);
        return new LdaEnvironment(wiring.delivery(config.settings("lda"), "lda"), () -> {
            wiring.close();
            storage.close();
        });
    }
}
