package org.loftmail.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {

    private static final VariableExpander USER = VariableExpander.builder()
            .set("user", "JSmith@Example.COM")
            .set("service", "imap")
            .set("home", "/home/jsmith")
            .set("local_ip", "10.0.0.1")
            .set("remote_ip", "203.0.113.5")
            .set("local_port", "993")
            .set("remote_port", "51234")
            .set("pid", "4242")
            .set("uid", "1234567")
            .set("session", "AbCdEf")
            .set("hostname", "mx1")
            .userdb(Map.of("quota_rule", "*:storage=1G", "empty", ""))
            .environment(Map.of("MAILROOT", "/srv/mail"))
            .build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "%u | JSmith@Example.COM",
        "%n | JSmith",
        "%d | Example.COM",
        "%s | imap",
        "%h | /home/jsmith",
        "%l | 10.0.0.1",
        "%r | 203.0.113.5",
        "%a | 993",
        "%b | 51234",
        "%p | 4242",
        "100%% | 100%",
        "%{user} | JSmith@Example.COM",
        "%{username} | JSmith",
        "%{domain} | Example.COM",
        "%{home} | /home/jsmith",
        "%{service} | imap",
        "%{session} | AbCdEf",
        "%{lip}:%{rip} | 10.0.0.1:203.0.113.5",
        "%{hostname} | mx1",
        "%{userdb:quota_rule} | *:storage=1G",
        "%{userdb:missing:fallback} | fallback",
        "`%{userdb:empty:fallback}` | ``",
        "%{env:MAILROOT}/%d | /srv/mail/Example.COM",
        "%Ln | jsmith",
        "%Lu | jsmith@example.com",
        "%Ud | EXAMPLE.COM",
        "%L{user} | jsmith@example.com",
        "%Ld/%Ln | example.com/jsmith",
        "%Rn | htimSJ",
        "%2Ln | js",
        "%2.1Ln | m",
        "%-2.2i | 67",
        "%0.-2Ln | jsmi",
        "%-3n | JSm",
        "%Mu | 30dcc7cd07c394d3a98249ef9e91febb",
        "%Xi | 12d687",
        "%08Xi | 0012d687",
        "%1.04i | 234567",
        "%Tn | JSmith",
        "maildir:/var/vmail/%Ld/%Ln:INDEX=/var/idx/%Lu | maildir:/var/vmail/example.com/jsmith:INDEX=/var/idx/jsmith@example.com",
    })
    void expands(String template, String expected) {
        assertThat(USER.expand(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}({1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // expected values computed independently (Python) from Dovecot's str_hash and MD5 new hash
        "%Hu | jsmith | 71a40a8",
        "%256Hu | jsmith | a8",
        "%256Hu | jsmith@example.com | bd",
        "%3RHu | jsmith@example.com | 1",
        "%Nu | jsmith | 8573b41c",
        "%256Nu | jsmith | 1c",
        "%2.256Nu | jsmith@example.com | 49",
        "%Mu | jsmith | 39ce7e2a8573b41ce73b5ba41617f8f7",
        "%Eu | a\"b'c\\d | a\\\"b\\'c\\\\d",
        "%Tu | `padded   ` | padded",
        "%Du | sub.domain.org | `sub,dc=domain,dc=org`",
    })
    void modifiers(String template, String user, String expected) {
        VariableExpander x = VariableExpander.builder().set("user", user).build();
        assertThat(x.expand(template)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}({1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "%{if;%u;eq;testuser;INVALID;%Uu} | testuser | INVALID",
        "%{if;%u;eq;testuser;INVALID;%Uu} | bob | BOB",
        "%{if;%{if;%u;eq;testuser;a;b};eq;a;INVALID;%Uu} | testuser | INVALID",
        "%{if;%{if;%u;eq;testuser;a;b};eq;a;INVALID;%Uu} | bob | BOB",
        "postmaster@%{if;%d;ne;;%d;%{hostname}} | bob@example.com | postmaster@example.com",
        "postmaster@%{if;%d;ne;;%d;%{hostname}} | bob | postmaster@mx1",
        "%{if;%n;*;adm*;admin;user} | admin7@x | admin",
        "%{if;%n;!*;adm*;no;yes} | bob@x | no",
        "%{if;%n;~;^[0-9]+$;digits;other} | 1234@x | digits",
        "%{if;%{userdb:uid:0};>=;1000;user;system} | bob | system",
        "`%{if;a\\;b;eq;a\\;b;yes\\%;no}` | bob | yes%",
    })
    void conditionals(String template, String user, String expected) {
        VariableExpander x = VariableExpander.builder().set("user", user).set("hostname", "mx1").build();
        assertThat(x.expand(template)).isEqualTo(expected);
    }

    /**
     * Recorded from Dovecot 2.3.19: a static userdb whose args held these templates, looked up with
     * {@code doveadm -D user NAME} (host name "vm").
     */
    @ParameterizedTest(name = "{0}({1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "%Hu | jsmith | 71a40a8", "%Hu | jsmith@example.com | e52e2bd", "%Hu | 12345@sub.domain.org | 9d41457",
        "%256Hu | jsmith@example.com | bd", "%256Hu | 12345@sub.domain.org | 57",
        "%3RHu | jsmith | 1", "%3RHu | 12345@sub.domain.org | 0",
        "%Nu | jsmith@example.com | 6cc8ec49", "%Nu | 12345@sub.domain.org | cc34bf50",
        "%256Nu | 12345@sub.domain.org | 50", "%2.256Nu | jsmith | 1c",
        "%Mu | jsmith@example.com | 765d64036cc8ec496f31dd0c242dbeca",
        "%Xn | jsmith | 0", "%Xn | 12345@sub.domain.org | 3039", "%08Xn | 12345@sub.domain.org | 00003039",
        "%08Xn | jsmith | 00000000",
        "%2.1n | jsmith | m", "%2.1n | 12345@x | 3", "%-2.2n | jsmith | th", "%-2.2n | 12345@x | 45",
        "%0.-2n | jsmith | jsmi", "%0.-2n | 12345@x | 123", "%Rn | 12345@x | 54321",
        "%Ud | jsmith@example.com | EXAMPLE.COM", "`%Ud` | jsmith | ``",
        "%1.04n | jsmith | smith", "%1.04n | 12345@x | 2345", "%-3n | jsmith | jsm", "%2n | jsmith | js",
        "%04n | jsmith | jsmith",
        "%{if;%n;eq;jsmith;yes;no} | 12345@x | no",
        "postmaster@%{if;%d;ne;;%d;%{hostname}} | jsmith | postmaster@vm",
        "postmaster@%{if;%d;ne;;%d;%{hostname}} | 12345@sub.domain.org | postmaster@sub.domain.org",
        "%Du | 12345@sub.domain.org | `12345@sub,dc=domain,dc=org`",
    })
    void sameAsDovecot(String template, String user, String expected) {
        VariableExpander x = VariableExpander.builder().set("user", user).set("hostname", "vm").build();
        assertThat(x.expand(template)).isEqualTo(expected);
    }

    @Test
    void badConditionalsAreReported() {
        assertThat(USER.unknownVariables("%{if;a;eq;b;c}")).singleElement().asString().contains("5 fields");
        assertThat(USER.unknownVariables("%{if;a;=~;b;c;d}")).singleElement().asString().contains("unknown operator");
    }

    @Test
    void pop3UidlFormatWithItsOwnShortNames() {
        VariableExpander uidl = VariableExpander.builder(Map.of('u', "uid", 'v', "uidvalidity", 'm', "md5",
                'f', "filename", 'g', "guid"))
                .set("uid", "42").set("uidvalidity", "1700000000").build();
        assertThat(uidl.expand("%08Xu%08Xv")).isEqualTo("0000002a6553f100");
        assertThat(uidl.expand("%u.%v")).isEqualTo("42.1700000000");
    }

    @Test
    void unknownVariablesAreReportedNotGuessed() {
        assertThat(USER.unknownVariables("%u %q %{nosuch} %{userdb:x} %{env:Y}"))
                .containsExactly("%q", "%{nosuch}");
        assertThatThrownBy(() -> USER.expand("%{nosuch}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%{nosuch}");
    }

    @Test
    void passdbFields() {
        VariableExpander x = VariableExpander.builder().set("user", "bob").passdb(Map.of("host", "10.0.0.5")).build();
        assertThat(x.expand("%{passdb:host}/%{passdb:port:143}")).isEqualTo("10.0.0.5/143");
    }

    @Test
    void knownButUnsetVariableExpandsToNothing() {
        VariableExpander x = VariableExpander.builder().set("user", "bob").build();
        assertThat(x.expand("%u:%h:%d")).isEqualTo("bob::");
    }

    @Test
    void trailingPercentAndOddInputDoNotCrash() {
        assertThat(USER.expand("50%")).isEqualTo("50%");
        assertThat(USER.expand("%{user")).isEqualTo("JSmith@Example.COM");
        assertThat(USER.expand("%999999999999u")).isEqualTo("JSmith@Example.COM");
        assertThat(USER.expand("")).isEmpty();
    }

    /**
     * Issue 20, item 1: a wildcard conditional was a regular expression built from a value that may come from the
     * user (here the mask itself is expanded from userdb); with twelve {@code *a} and no {@code b} it backtracked
     * for hours. The regex operator keeps Java's engine for the administrator's patterns but gives up on a
     * catastrophic one (^(.*a){12}b: six repeats already took 47 s) instead of holding a thread.
     */
    @Test
    void conditionalsOnHostileValuesAnswerAtOnce() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            VariableExpander x = VariableExpander.builder().set("user", "a".repeat(100))
                    .userdb(Map.of("mask", "*a".repeat(12) + "b")).build();
            assertThat(x.expand("%{if;%u;*;%{userdb:mask};yes;no}")).isEqualTo("no");
            assertThat(x.expand("%{if;%u;!*;%{userdb:mask};yes;no}")).isEqualTo("yes");
            assertThatThrownBy(() -> x.expand("%{if;%u;~;^(.*a){12}b;yes;no}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too costly");
            assertThat(x.expand("%{if;%u;~;^a+$;yes;no}")).isEqualTo("yes");
        });
    }
}
