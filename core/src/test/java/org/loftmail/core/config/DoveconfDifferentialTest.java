package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loft reads these files as Dovecot does. The expected values were recorded with Dovecot 2.3.19's
 * {@code doveconf -c FILE [-f protocol=P] [-f remote=IP] [-f local=IP] -h KEY}; where doveconf is
 * installed the test also asks it again, so a difference in either reader shows up.
 */
class DoveconfDifferentialTest {

    /** Marks a case Dovecot refuses with "Conflict in setting" while Loft takes the more specific filter. */
    private static final String CONFLICT = "(doveconf: conflict)";

    private static final String SYNTAX = """
            ssl = no
            login_greeting = "Hello # not" # c
            auth_mechanisms = plain \\
               login \\
               cram-md5
            mail_plugins = quota
            mail_plugins = $mail_plugins sieve
            protocol imap {
              mail_plugins = $mail_plugins imap_quota
            }
            rejection_subject = 'name "x" # q'
            postmaster_address="esc \\"q\\""
            submission_host = a#b
            recipient_delimiter = "\\\\"
            mail_location = maildir:~/M:INDEX=/x/%u \s
            lda_original_recipient_header = "  spaced  "
            auth_realms = $auth_realms example.com
            """;

    private static final String FILTERS = """
            ssl = no
            login_greeting = top
            protocol imap {
              login_greeting = imap
            }
            remote 192.0.2.0/24 {
              login_greeting = remote24
              protocol imap {
                login_greeting = remote24-imap
              }
            }
            remote 192.0.2.7 {
              login_greeting = remote32
            }
            protocol !imap {
              lda_original_recipient_header = notimap
            }
            local 10.0.0.0/8 {
              recipient_delimiter = -
            }
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("syntax", SYNTAX, List.of(), "login_greeting", "Hello # not"),
                Arguments.of("syntax", SYNTAX, List.of(), "auth_mechanisms", "plain login cram-md5"),
                Arguments.of("syntax", SYNTAX, List.of(), "mail_plugins", "quota sieve"),
                Arguments.of("syntax", SYNTAX, List.of("protocol=imap"), "mail_plugins", "quota sieve imap_quota"),
                Arguments.of("syntax", SYNTAX, List.of(), "rejection_subject", "name \"x\" # q"),
                Arguments.of("syntax", SYNTAX, List.of(), "postmaster_address", "esc \"q\""),
                Arguments.of("syntax", SYNTAX, List.of(), "submission_host", "a"),
                Arguments.of("syntax", SYNTAX, List.of(), "recipient_delimiter", "\\"),
                Arguments.of("syntax", SYNTAX, List.of(), "mail_location", "maildir:~/M:INDEX=/x/%u"),
                Arguments.of("syntax", SYNTAX, List.of(), "lda_original_recipient_header", "  spaced  "),
                Arguments.of("syntax", SYNTAX, List.of(), "auth_realms", " example.com"),
                Arguments.of("filters", FILTERS, List.of(), "login_greeting", "top"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap"), "login_greeting", "imap"),
                Arguments.of("filters", FILTERS, List.of("protocol=pop3"), "login_greeting", "top"),
                Arguments.of("filters", FILTERS, List.of("protocol=pop3", "remote=192.0.2.9"), "login_greeting", "remote24"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap", "remote=192.0.2.9"), "login_greeting",
                        CONFLICT + "remote24-imap"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap", "remote=192.0.2.7"), "login_greeting",
                        CONFLICT + "remote32"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap", "remote=198.51.100.1"), "login_greeting", "imap"),
                Arguments.of("filters", FILTERS, List.of("protocol=pop3"), "lda_original_recipient_header", "notimap"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap"), "lda_original_recipient_header", ""),
                Arguments.of("filters", FILTERS, List.of("protocol=imap", "local=10.1.2.3"), "recipient_delimiter", "-"),
                Arguments.of("filters", FILTERS, List.of("protocol=imap", "local=192.0.2.1"), "recipient_delimiter", "+"));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {3} with {2} = {4}")
    @MethodSource("cases")
    void loftReadsLikeDovecot(String name, String text, List<String> filters, String key, String expected)
            throws Exception {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, text);
        FilterContext ctx = FilterContext.none();
        for (String f : filters) {
            String value = f.substring(f.indexOf('=') + 1);
            ctx = switch (f.substring(0, f.indexOf('='))) {
                case "protocol" -> new FilterContext(value, ctx.local(), ctx.remote(), ctx.localName());
                case "remote" -> ctx.withRemote(InetAddress.getByName(value));
                default -> ctx.withLocal(InetAddress.getByName(value));
            };
        }
        LoftConfig loft = LoftConfig.load(file);
        boolean conflict = expected.startsWith(CONFLICT);
        assertThat(loft.settings(ctx).string(key)).isEqualTo(expected.substring(conflict ? CONFLICT.length() : 0));
        if (conflict) {
            assertThat(loft.warnings()).anyMatch(w -> w.contains(key + " is also set in the"));
        }

        String dovecot = doveconf(file, filters, key);
        if (dovecot != null) {
            assertThat(dovecot).as("doveconf's reading").isEqualTo(conflict ? CONFLICT : expected);
        }
    }

    /** doveconf's value, or null when doveconf is not installed. */
    private static String doveconf(Path file, List<String> filters, String key) throws IOException, InterruptedException {
        Path doveconf = Path.of("/usr/bin/doveconf");
        if (!Files.isExecutable(doveconf)) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(doveconf.toString(), "-c", file.toString()));
        for (String f : filters) {
            cmd.add("-f");
            cmd.add(f);
        }
        cmd.add("-h");
        cmd.add(key);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out.replaceAll("\\n$", "") : CONFLICT;
    }
}
