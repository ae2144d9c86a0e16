package org.loftmail.auth.sasl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.loftmail.auth.scheme.PasswordSchemes;

/**
 * The mechanisms a server offers, chosen by {@code auth_mechanisms} (space or comma separated,
 * case-insensitive, Dovecot's default {@code plain}). Unknown names are a configuration error.
 */
public final class SaslMechanisms {

    /**
     * What the mechanisms need from the configuration.
     *
     * @param hostname the name in CRAM-MD5 challenges ({@code hostname} setting, else the host's)
     * @param anonymousUsername {@code auth_anonymous_username} (Dovecot's default {@code anonymous})
     * @param schemes the password schemes, for deriving CRAM-MD5/SCRAM credentials
     */
    public record Settings(String hostname, String anonymousUsername, PasswordSchemes schemes) {
        public Settings {
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(anonymousUsername, "anonymousUsername");
            Objects.requireNonNull(schemes, "schemes");
        }
    }

    private static final Map<String, Function<Settings, SaslMechanism>> KNOWN = known();

    /** Mechanisms Dovecot 2.3 offers that Loft refuses at startup rather than ignoring. */
    private static final java.util.Set<String> DOVECOT_ONLY = java.util.Set.of(
            "DIGEST-MD5", "APOP", "GSSAPI", "GSS-SPNEGO", "NTLM", "OTP", "RPA", "WINBIND", "OAUTHBEARER", "XOAUTH2");

    private static Map<String, Function<Settings, SaslMechanism>> known() {
        Map<String, Function<Settings, SaslMechanism>> m = new LinkedHashMap<>();
        m.put(PlainMechanism.NAME, s -> new PlainMechanism());
        m.put(LoginMechanism.NAME, s -> new LoginMechanism());
        m.put(CramMd5Mechanism.NAME, s -> new CramMd5Mechanism(s.hostname(), s.schemes()));
        m.put("SCRAM-SHA-1", s -> ScramMechanism.sha1(s.schemes()));
        m.put("SCRAM-SHA-256", s -> ScramMechanism.sha256(s.schemes()));
        m.put(ExternalMechanism.NAME, s -> new ExternalMechanism());
        m.put(AnonymousMechanism.NAME, s -> new AnonymousMechanism(s.anonymousUsername()));
        return m;
    }

    private final Map<String, SaslMechanism> enabled;

    public SaslMechanisms(List<SaslMechanism> mechanisms) {
        Map<String, SaslMechanism> m = new LinkedHashMap<>();
        for (SaslMechanism mechanism : mechanisms) {
            m.put(mechanism.name().toUpperCase(Locale.ROOT), mechanism);
        }
        this.enabled = java.util.Collections.unmodifiableMap(m);
    }

    /** The mechanism names Loft implements. */
    public static List<String> supported() {
        return List.copyOf(KNOWN.keySet());
    }

    /**
     * Builds the registry from an {@code auth_mechanisms} value.
     *
     * @throws IllegalArgumentException naming the first unknown mechanism, or for an empty list
     */
    public static SaslMechanisms fromSetting(String authMechanisms, Settings settings) {
        List<SaslMechanism> list = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String token : authMechanisms.trim().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.toUpperCase(Locale.ROOT);
            Function<Settings, SaslMechanism> factory = KNOWN.get(name);
            if (factory == null) {
                String supported = " (Loft supports: " + String.join(" ", KNOWN.keySet()).toLowerCase(Locale.ROOT) + ")";
                throw new IllegalArgumentException(DOVECOT_ONLY.contains(name)
                        ? "auth_mechanisms: " + token + " is a Dovecot mechanism Loft does not implement" + supported
                        : "auth_mechanisms: unknown mechanism " + token + supported);
            }
            if (!seen.contains(name)) {
                seen.add(name);
                list.add(factory.apply(settings));
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("auth_mechanisms: no mechanisms configured");
        }
        return new SaslMechanisms(list);
    }

    /** The enabled mechanism called {@code name} (case-insensitive). */
    public Optional<SaslMechanism> find(String name) {
        return Optional.ofNullable(enabled.get(name.toUpperCase(Locale.ROOT)));
    }

    /** All enabled mechanisms in configuration order (the auth socket's {@code MECH} lines). */
    public List<SaslMechanism> all() {
        return List.copyOf(enabled.values());
    }

    /**
     * Whether a client may use {@code mechanism} here: {@code plaintextAllowed} is false when
     * {@code disable_plaintext_auth} applies (no TLS, not from {@code login_trusted_networks}).
     */
    public boolean usable(SaslMechanism mechanism, boolean plaintextAllowed) {
        return plaintextAllowed || !mechanism.plaintext();
    }

    /** What to list in CAPABILITY / CAPA / EHLO: usable and not private. */
    public List<SaslMechanism> advertised(boolean plaintextAllowed) {
        return enabled.values().stream()
                .filter(m -> usable(m, plaintextAllowed))
                .filter(m -> !m.flags().contains(MechanismFlag.PRIVATE))
                .toList();
    }

    /** Dovecot's {@code MECH} line for the auth socket: name and flags, TAB-separated, no newline. */
    public static String mechLine(SaslMechanism mechanism) {
        StringBuilder sb = new StringBuilder("MECH\t").append(mechanism.name());
        for (MechanismFlag flag : MechanismFlag.values()) {
            if (mechanism.flags().contains(flag)) {
                sb.append('\t').append(flag.wireName());
            }
        }
        return sb.toString();
    }
}
