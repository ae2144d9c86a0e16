package org.loftmail.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CipherListTest {

    /** What BoringSSL (netty-tcnative) offers for TLS 1.2. */
    private static final List<String> BORINGSSL = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
            "ECDHE-PSK-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-PSK-AES128-CBC-SHA",
            "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-PSK-AES256-CBC-SHA", "AES128-GCM-SHA256",
            "AES256-GCM-SHA384", "AES128-SHA", "PSK-AES128-CBC-SHA", "AES256-SHA", "PSK-AES256-CBC-SHA",
            "DES-CBC3-SHA", "TLS_AES_128_GCM_SHA256");

    @Test
    void theAdministrationGuideListDropsTheSslv3EraSuites() {
        List<String> got = CipherList.select("ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL", BORINGSSL);
        assertThat(got).contains("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA", "AES128-GCM-SHA256")
                .doesNotContain("AES128-SHA", "DES-CBC3-SHA", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void highExcludesTripleDes() {
        assertThat(CipherList.select("HIGH:!aNULL:!MD5", BORINGSSL)).isNotEmpty().doesNotContain("DES-CBC3-SHA");
    }

    @Test
    void intersectionsSelectForwardSecretAeadOnly() {
        assertThat(CipherList.select("EECDH+AESGCM:EDH+AESGCM", BORINGSSL)).containsExactly(
                "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-RSA-AES256-GCM-SHA384");
    }

    @Test
    void bannedSuitesCannotComeBackButRemovedOnesCan() {
        assertThat(CipherList.select("!3DES:ALL", BORINGSSL)).doesNotContain("DES-CBC3-SHA");
        assertThat(CipherList.select("ALL:-3DES:3DES", BORINGSSL)).endsWith("DES-CBC3-SHA");
    }

    @Test
    void plusMovesMatchesToTheEnd() {
        List<String> got = CipherList.select("ECDHE+AESGCM:ECDHE+CHACHA20:+AESGCM", BORINGSSL);
        assertThat(got.get(0)).contains("CHACHA20");
        assertThat(got.get(got.size() - 1)).contains("GCM");
    }

    @Test
    void namedSuitesAndUnknownWords() {
        assertThat(CipherList.select("AES256-SHA:NOSUCH", BORINGSSL)).containsExactly("AES256-SHA");
        assertThat(CipherList.select("NOSUCH", BORINGSSL)).isEmpty();
    }

    @Test
    void loftsDefaultKeepsForwardSecretAeadAndDropsCbcWithSha1() {
        List<String> got = CipherList.select(TlsContexts.DEFAULT_CIPHER_LIST, BORINGSSL);
        assertThat(got).contains("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305")
                .doesNotContain("ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA",
                        "ECDHE-ECDSA-AES256-SHA", "AES128-SHA", "DES-CBC3-SHA", "ECDHE-PSK-AES128-CBC-SHA");
        // "@STRENGTH" glued to the last word still sorts: 256-bit suites first
        assertThat(got.get(0)).doesNotContain("AES128");
    }
}
