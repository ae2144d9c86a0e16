package org.loftmail.server;

import java.nio.charset.StandardCharsets;
import org.loftmail.auth.scheme.GenerateOptions;
import org.loftmail.auth.scheme.PasswordSchemes;

/** The demo user's password, stored as Dovecot would store it ({SHA512-CRYPT}$6$…). */
final class DemoPasswords {

    private DemoPasswords() {}

    static String hash(String password) {
        return PasswordSchemes.standard()
                .generate("SHA512-CRYPT", password.getBytes(StandardCharsets.UTF_8), GenerateOptions.defaults())
                .format();
    }
}
