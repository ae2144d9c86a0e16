package org.loftmail.lmtp;

import java.nio.file.Path;
import java.util.Arrays;
import org.loftmail.lmtp.lda.LdaCommand;
import org.loftmail.lmtp.lda.LdaEnvironment;

/**
 * What Postfix's pipe(8) runs in {@link PostfixDeliveryTest}: {@code LdaTestMain STACK_ROOT lda-args…}. It wires
 * the same real stack as the LMTP side (passwd-file userdb, Maildir with quota) and exits with lda's code.
 */
public final class LdaTestMain {

    private LdaTestMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String[] ldaArgs = Arrays.copyOfRange(args, 1, args.length);
        int code = LdaCommand.run(ldaArgs, System.in, System.out, System.err, config -> {
            RealStack stack = new RealStack(root, false);
            return new LdaEnvironment(stack.delivery(stack.settings().build(), "lda"), stack::close);
        });
        System.exit(code);
    }
}
