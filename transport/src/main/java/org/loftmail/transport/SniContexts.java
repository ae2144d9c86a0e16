package org.loftmail.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.loftmail.core.config.Filter;

/**
 * The TLS contexts one configuration serves: the default one and one per {@code local_name} mask, chosen by the
 * name the client sends in TLS SNI (RFC 6066 section 3). An exact name wins over a wildcard; among wildcards the
 * one with fewer {@code *} labels, then the one configured first. No SNI, or a name no mask matches, gets the
 * default context, as with Dovecot (2.3.19, checked by hand: a {@code *} is one label, case does not matter,
 * {@code a.b.example.org} and {@code example.org} do not match {@code *.example.org}). Dovecot itself takes the
 * first matching block in file order even when an exact block follows a wildcard one; Loft lets the exact name
 * win wherever it is written (ADR 0111).
 */
public final class SniContexts implements Mapping<String, SslContext> {

    private final SslContext defaultContext;
    private final Map<String, SslContext> exact;
    private final List<Map.Entry<String, SslContext>> wildcards;

    private SniContexts(SslContext defaultContext, Map<String, SslContext> exact,
            List<Map.Entry<String, SslContext>> wildcards) {
        this.defaultContext = Objects.requireNonNull(defaultContext, "defaultContext");
        this.exact = exact;
        this.wildcards = wildcards;
    }

    /** One context for every client, whatever name it asks for. */
    public static SniContexts single(SslContext context) {
        return new SniContexts(context, Map.of(), List.of());
    }

    /**
     * {@code byName} maps local_name masks ({@code mail.example.com}, {@code *.example.org}) to their contexts,
     * in configuration order.
     */
    public static SniContexts of(SslContext defaultContext, Map<String, SslContext> byName) {
        Map<String, SslContext> exact = new LinkedHashMap<>();
        List<Map.Entry<String, SslContext>> wildcards = new ArrayList<>();
        byName.forEach((mask, context) -> {
            String m = mask.toLowerCase(Locale.ROOT);
            if (m.contains("*")) {
                wildcards.add(Map.entry(m, context));
            } else {
                exact.putIfAbsent(m, context);
            }
        });
        // A stable sort keeps configuration order among equally specific masks.
        wildcards.sort(Comparator.comparingLong(e -> e.getKey().chars().filter(c -> c == '*').count()));
        return new SniContexts(defaultContext, Map.copyOf(exact), List.copyOf(wildcards));
    }

    public SslContext defaultContext() {
        return defaultContext;
    }

    /** Whether any name has a context of its own (otherwise no SNI lookup is needed). */
    public boolean hasNames() {
        return !exact.isEmpty() || !wildcards.isEmpty();
    }

    /** The context for the SNI name {@code host}; null (no SNI) and unknown names get the default. */
    @Override
    public SslContext map(String host) {
        if (host == null || host.isEmpty()) {
            return defaultContext;
        }
        String name = host.toLowerCase(Locale.ROOT);
        SslContext byExact = exact.get(name);
        if (byExact != null) {
            return byExact;
        }
        for (Map.Entry<String, SslContext> wildcard : wildcards) {
            if (Filter.nameMatches(name, wildcard.getKey())) {
                return wildcard.getValue();
            }
        }
        return defaultContext;
    }

    /**
     * The handler that starts TLS as a server on a new channel: the default context's handler when there are no
     * per-name contexts, else one that reads the ClientHello, picks the context and puts its handler in its place.
     */
    ChannelHandler newHandler(ByteBufAllocator alloc) {
        return hasNames() ? new SniHandler(this) : defaultContext.newHandler(alloc);
    }

    /**
     * The handler for STARTTLS, added before the command's reply is written: the reply must still leave in
     * plaintext. An SslHandler does that with {@code startTls}; an SniHandler passes writes through untouched
     * until the ClientHello arrives, which the client sends only after reading the reply.
     */
    ChannelHandler newStartTlsHandler(ByteBufAllocator alloc) {
        return hasNames() ? new SniHandler(this) : new SslHandler(defaultContext.newEngine(alloc), true);
    }
}
