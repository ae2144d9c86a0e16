package org.loftmail.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaslMechanismsTest {
    private static final SaslMechanisms.Settings SETTINGS = new SaslMechanisms.Settings("localhost", "anonymous", MapPassdb.SCHEMES);

    @Test
    void mechLinesMatchWhatDovecot2319Advertises() {
        // captured from Dovecot 2.3.19's auth-client socket with the same auth_mechanisms
        SaslMechanisms m = SaslMechanisms.fromSetting("plain login cram-md5 scram-sha-1 scram-sha-256 external anonymous", SETTINGS);
        assertThat(m.all().stream().map(SaslMechanisms::mechLine)).containsExactly(
                "MECH\tPLAIN\tplaintext",
                "MECH\tLOGIN\tplaintext",
                "MECH\tCRAM-MD5\tdictionary\tactive",
                "MECH\tSCRAM-SHA-1\tmutual-auth",
                "MECH\tSCRAM-SHA-256\tmutual-auth",
                "MECH\tEXTERNAL",
                "MECH\tANONYMOUS\tanonymous");
    }

    @Test
    void caseInsensitiveCommasAndDuplicates() {
        SaslMechanisms m = SaslMechanisms.fromSetting(" Plain,LOGIN  plain ", SETTINGS);
        assertThat(m.all()).extracting(SaslMechanism::name).containsExactly("PLAIN", "LOGIN");
        assertThat(m.find("login")).isPresent();
        assertThat(m.find("CRAM-MD5")).isEmpty();
    }

    @Test
    void unknownMechanismIsAConfigurationError() {
        assertThatThrownBy(() -> SaslMechanisms.fromSetting("plain gssapi", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gssapi is a Dovecot mechanism Loft does not implement");
        assertThatThrownBy(() -> SaslMechanisms.fromSetting("plain bogus", SETTINGS))
                .hasMessageContaining("unknown mechanism bogus");
        assertThatThrownBy(() -> SaslMechanisms.fromSetting("  ", SETTINGS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disablePlaintextAuthHidesPlaintextMechanisms() {
        SaslMechanisms m = SaslMechanisms.fromSetting("plain login scram-sha-256", SETTINGS);
        assertThat(m.advertised(false)).extracting(SaslMechanism::name).containsExactly("SCRAM-SHA-256");
        assertThat(m.advertised(true)).extracting(SaslMechanism::name).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256");
        assertThat(m.usable(m.find("PLAIN").orElseThrow(), false)).isFalse();
        assertThat(m.find("PLAIN").orElseThrow().plaintext()).isTrue();
        assertThat(m.find("SCRAM-SHA-256").orElseThrow().plaintext()).isFalse();
    }
}
