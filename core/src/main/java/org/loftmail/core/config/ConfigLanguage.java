package org.loftmail.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loftmail.core.config.v24.V24Names;

/**
 * Which of Dovecot's configuration languages a file is written in, decided as Dovecot 2.4 decides it: a file whose
 * first setting is {@code dovecot_config_version} is 2.4's language, any other file is 2.3's.
 */
public enum ConfigLanguage {
    DOVECOT_2_3, DOVECOT_2_4;

    /** The language of a main configuration file; an unreadable file is left to the 2.3 parser to report. */
    public static ConfigLanguage of(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return DOVECOT_2_3;
        }
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return line.matches("dovecot_config_version\\s*=.*") ? DOVECOT_2_4 : DOVECOT_2_3;
        }
        return DOVECOT_2_3;
    }

    /**
     * The error for a 2.4 name met while reading a file as 2.3, or null when {@code key} is not one. Dovecot 2.4
     * refuses a file that does not start with {@code dovecot_config_version}, and 2.3 knows none of 2.4's names.
     */
    static String mixedInto23(String key) {
        if (key.equals("dovecot_config_version")) {
            return "dovecot_config_version must be the first setting of the file: only then is it read as"
                    + " Dovecot 2.4's language (this file is read as 2.3)";
        }
        if (V24Names.ONLY_24.contains(key)) {
            return key + " is a Dovecot 2.4 setting, but this file is read as 2.3 because its first setting is not"
                    + " dovecot_config_version";
        }
        return null;
    }
}
