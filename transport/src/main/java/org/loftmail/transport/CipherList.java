package org.loftmail.transport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Evaluates an OpenSSL cipher-list expression ({@code ssl_cipher_list = ALL:!LOW:!SSLv2:!SSLv3:!EXP:!aNULL},
 * {@code HIGH:!aNULL:!MD5}, {@code EECDH+AESGCM:EDH+AESGCM}) over the TLS 1.2 suites the TLS library offers,
 * because Netty takes only a list of suite names. Terms are OpenSSL's: plain terms add, {@code -} removes,
 * {@code !} removes for good, {@code +} moves to the end, {@code A+B} is the intersection; {@code @STRENGTH}
 * sorts strongest first and {@code @SECLEVEL=n} is accepted. Words that match nothing are ignored, as OpenSSL
 * does; an expression that leaves nothing is an error. TLS 1.3 suites are not governed by this list (as in
 * OpenSSL; Dovecot's ssl_cipher_suites covers them).
 */
public final class CipherList {

    private CipherList() {}

    /** One suite in OpenSSL's naming, taken apart into the properties the expression words select by. */
    record Suite(String name, String kx, String auth, String enc, String mac, String minVersion, int bits) {

        static Suite parse(String name) {
            List<String> parts = new ArrayList<>(List.of(name.split("-")));
            String kx = "RSA";
            String auth = "RSA";
            if (parts.get(0).equals("ECDHE") || parts.get(0).equals("DHE") || parts.get(0).equals("EDH")) {
                kx = parts.remove(0).equals("ECDHE") ? "ECDHE" : "DHE";
                auth = parts.get(0).equals("ECDSA") || parts.get(0).equals("RSA") || parts.get(0).equals("PSK")
                        ? parts.remove(0) : "RSA";
            } else if (parts.get(0).equals("PSK")) {
                kx = "PSK";
                auth = "PSK";
                parts.remove(0);
            }
            String joined = String.join("-", parts);
            String mac = parts.get(parts.size() - 1);
            String enc;
            if (joined.contains("GCM")) {
                enc = "AESGCM";
                mac = "AEAD";
            } else if (joined.contains("CHACHA20")) {
                enc = "CHACHA20";
                mac = "AEAD";
            } else if (joined.contains("CBC3") || joined.contains("3DES")) {
                enc = "3DES";
            } else if (joined.startsWith("AES")) {
                enc = "AES";
            } else {
                enc = parts.get(0);
            }
            if (mac.equals("SHA")) {
                mac = "SHA1";
            }
            // the cipher's key size: "AES128-GCM-SHA256" is 128-bit, the 256 there is the hash
            int bits = joined.contains("AES256") || enc.equals("CHACHA20") ? 256 : enc.equals("3DES") ? 112 : 128;
            String version = mac.equals("AEAD") || mac.equals("SHA256") || mac.equals("SHA384") ? "TLSv1.2"
                    : kx.equals("RSA") ? "SSLv3" : "TLSv1";
            return new Suite(name, kx, auth, enc, mac, version, bits);
        }
    }

    /** The suites {@code expression} selects from {@code available} (OpenSSL names), in the resulting order. */
    public static List<String> select(String expression, List<String> available) {
        List<Suite> suites = available.stream().filter(n -> !n.startsWith("TLS_")).map(Suite::parse).toList();
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        Set<String> banned = new HashSet<>();
        boolean byStrength = false;
        // "@" starts a command even without a separator: OpenSSL reads "!LOW@STRENGTH" as "!LOW" then "@STRENGTH"
        for (String raw : expression.trim().replace("@", ":@").split("[:, ]+")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.equalsIgnoreCase("@STRENGTH")) {
                byStrength = true;
                continue;
            }
            if (raw.toUpperCase(Locale.ROOT).startsWith("@SECLEVEL=")) {
                continue;
            }
            char op = raw.charAt(0);
            String term = op == '!' || op == '-' || op == '+' ? raw.substring(1) : raw;
            Predicate<Suite> matcher = matcher(term);
            List<String> matched = suites.stream().filter(matcher).map(Suite::name).toList();
            switch (op) {
                case '!' -> {
                    banned.addAll(matched);
                    matched.forEach(chosen::remove);
                }
                case '-' -> matched.forEach(chosen::remove);
                case '+' -> matched.stream().filter(chosen::contains).toList().forEach(n -> {
                    chosen.remove(n);
                    chosen.add(n);
                });
                default -> matched.stream().filter(n -> !banned.contains(n)).forEach(chosen::add);
            }
        }
        List<String> result = new ArrayList<>(chosen);
        if (byStrength) {
            result.sort((a, b) -> Integer.compare(Suite.parse(b).bits(), Suite.parse(a).bits()));
        }
        return result;
    }

    private static Predicate<Suite> matcher(String term) {
        Predicate<Suite> all = s -> true;
        for (String word : term.split("\\+")) {
            all = all.and(word(word));
        }
        return all;
    }

    private static Predicate<Suite> word(String word) {
        return switch (word) {
            case "ALL", "DEFAULT", "HIGH" -> s -> !s.enc().equals("3DES") || word.equals("ALL") || word.equals("DEFAULT");
            case "MEDIUM" -> s -> s.enc().equals("3DES");
            case "RSA", "kRSA" -> s -> s.kx().equals("RSA");
            case "aRSA" -> s -> s.auth().equals("RSA");
            case "ECDHE", "EECDH", "kECDHE", "kEECDH", "ECDH" -> s -> s.kx().equals("ECDHE");
            case "DHE", "EDH", "kDHE", "kEDH", "DH" -> s -> s.kx().equals("DHE");
            case "ECDSA", "aECDSA" -> s -> s.auth().equals("ECDSA");
            case "PSK", "aPSK", "kPSK" -> s -> s.auth().equals("PSK") || s.kx().equals("PSK");
            case "AES" -> s -> s.enc().startsWith("AES");
            case "AES128" -> s -> s.enc().startsWith("AES") && s.bits() == 128;
            case "AES256" -> s -> s.enc().startsWith("AES") && s.bits() == 256;
            case "AESGCM" -> s -> s.enc().equals("AESGCM");
            case "CHACHA20" -> s -> s.enc().equals("CHACHA20");
            case "3DES" -> s -> s.enc().equals("3DES");
            case "SHA1", "SHA" -> s -> s.mac().equals("SHA1");
            case "SHA256" -> s -> s.mac().equals("SHA256") || s.name().endsWith("SHA256");
            case "SHA384" -> s -> s.mac().equals("SHA384") || s.name().endsWith("SHA384");
            case "TLSv1.2" -> s -> s.minVersion().equals("TLSv1.2");
            case "TLSv1", "TLSv1.0" -> s -> s.minVersion().equals("TLSv1");
            case "SSLv3" -> s -> s.minVersion().equals("SSLv3");
            case "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL" -> s -> false;
            // Classes the TLS library offers no suite of (export, null, anonymous, RC4, MD5, SSLv2...).
            default -> s -> s.name().equals(word);
        };
    }
}
