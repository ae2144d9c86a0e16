package org.loftmail.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A command line split into its verb (upper case) and the rest, e.g. {@code RCPT} and {@code TO:<a@b>}. */
public record CommandLine(String verb, String arguments) {

    /** Longest verb we look at; longer first words are simply unknown commands. */
    private static final int MAX_VERB = 16;

    public static CommandLine parse(byte[] line) {
        // Commands are ASCII; a UTF-8 address (SMTPUTF8 is not offered) is still decoded so it can be refused.
        String text = new String(line, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        String rest = space < 0 ? "" : text.substring(space + 1);
        if (verb.length() > MAX_VERB) {
            verb = verb.substring(0, MAX_VERB);
        }
        return new CommandLine(verb.toUpperCase(Locale.ROOT), rest);
    }
}
