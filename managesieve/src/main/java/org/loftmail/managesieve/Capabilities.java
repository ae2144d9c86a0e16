package org.loftmail.managesieve;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.loftmail.managesieve.codec.ResponseWriter;
import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.compile.SieveExtensions;

/**
 * The capability lines (RFC 5804 section 1.7) in Pigeonhole's order. Before login (the greeting, CAPABILITY,
 * after STARTTLS): IMPLEMENTATION, SIEVE, NOTIFY, SASL, STARTTLS (when TLS is possible and not on), VERSION.
 * After login: IMPLEMENTATION, SIEVE, MAXREDIRECTS, NOTIFY, VERSION, as Pigeonhole's managesieve process sends them,
 * and UNAUTHENTICATE, which Loft implements (Pigeonhole does not).
 */
public final class Capabilities {

    private final String implementation;
    private final String sieve;
    private final Optional<String> notify;
    private final long maxRedirects;

    public Capabilities(ManageSieveSettings settings, SieveCompiler compiler, long maxRedirects) {
        this.implementation = settings.implementationString();
        this.sieve = settings.sieveCapability().isEmpty() ? sieveCapability(compiler) : settings.sieveCapability();
        if (!settings.notifyCapability().isEmpty()) {
            this.notify = Optional.of(settings.notifyCapability());
        } else {
            this.notify = compiler.enabled().contains("enotify") ? Optional.of("mailto") : Optional.empty();
        }
        this.maxRedirects = maxRedirects;
    }

    /** The enabled extensions in Pigeonhole's order, without the comparators every script has. */
    static String sieveCapability(SieveCompiler compiler) {
        List<String> order = SieveExtensions.SUPPORTED;
        return order.stream().filter(compiler.enabled()::contains).filter(e -> !SieveExtensions.IMPLICIT.contains(e))
                .collect(Collectors.joining(" "));
    }

    public String sieve() {
        return sieve;
    }

    /** The lines before login; {@code mechanisms} as the auth service offers them on this connection. */
    public void writeBeforeLogin(ResponseWriter w, List<String> mechanisms, boolean offerStartTls) {
        w.capability("IMPLEMENTATION", implementation);
        w.capability("SIEVE", sieve);
        notify.ifPresent(n -> w.capability("NOTIFY", n));
        w.capability("SASL", String.join(" ", mechanisms));
        if (offerStartTls) w.capability("STARTTLS", null);
        w.capability("VERSION", "1.0");
    }

    /** The lines after login. */
    public void writeAfterLogin(ResponseWriter w) {
        w.capability("IMPLEMENTATION", implementation);
        w.capability("SIEVE", sieve);
        w.capability("MAXREDIRECTS", Long.toString(maxRedirects));
        notify.ifPresent(n -> w.capability("NOTIFY", n));
        w.capability("UNAUTHENTICATE", null);
        w.capability("VERSION", "1.0");
    }
}
