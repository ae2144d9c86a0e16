package org.loftmail.lmtp.lda;

import java.nio.file.Path;
import java.util.Optional;

/**
 * dovecot-lda's command line: {@code -d USER} destination user (default: the invoking user), {@code -f SENDER}
 * envelope sender (default: the message's Return-Path), {@code -a ADDRESS} original recipient, {@code -r ADDRESS}
 * final recipient, {@code -m MAILBOX} default mailbox, {@code -e} report rejections on stderr (EX_NOPERM) instead
 * of mailing them, {@code -c CONFIG}, {@code -p PATH} read the message from a file instead of stdin.
 */
public record LdaArguments(
        Optional<String> user,
        Optional<String> sender,
        Optional<String> originalAddress,
        Optional<String> finalAddress,
        Optional<String> mailbox,
        boolean errorsToStderr,
        Optional<Path> config,
        Optional<Path> messageFile) {

    public static final String USAGE =
            "Usage: loft lda [-c <config file>] [-d <username>] [-p <mail path>] [-m <mailbox>]\n"
                    + "                [-e] [-f <envelope sender>] [-a <original envelope recipient>]\n"
                    + "                [-r <final envelope recipient>]";

    /** Thrown for a command line that does not parse; the message is for stderr. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LdaArguments parse(String[] args) throws UsageException {
        String user = null;
        String sender = null;
        String original = null;
        String finalAddress = null;
        String mailbox = null;
        boolean stderr = false;
        Path config = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-e")) {
                stderr = true;
                continue;
            }
            if (arg.equals("-k")) {
                continue; // dovecot-lda's "keep environment": Loft never clears it
            }
            if (arg.length() < 2 || arg.charAt(0) != '-' || "dfarmcpo".indexOf(arg.charAt(1)) < 0) {
                throw new UsageException("Unknown argument: " + arg);
            }
            String value;
            if (arg.length() > 2) {
                value = arg.substring(2); // -dUSER
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("Missing value for " + arg);
            }
            switch (arg.charAt(1)) {
                case 'd' -> user = value;
                case 'f' -> sender = value;
                case 'a' -> original = value;
                case 'r' -> finalAddress = value;
                case 'm' -> mailbox = value;
                case 'c' -> config = Path.of(value);
                case 'p' -> file = Path.of(value);
                case 'o' -> throw new UsageException("-o setting overrides are not supported; set " + value
                        + " in the configuration instead");
                default -> throw new UsageException("Unknown argument: " + arg);
            }
        }
        if (user != null && user.isBlank()) {
            throw new UsageException("-d needs a user name");
        }
        return new LdaArguments(Optional.ofNullable(user), Optional.ofNullable(sender), Optional.ofNullable(original),
                Optional.ofNullable(finalAddress), Optional.ofNullable(mailbox), stderr, Optional.ofNullable(config),
                Optional.ofNullable(file));
    }
}
