package org.loftmail.core.config;

import java.net.InetAddress;

/**
 * What a connection looks like to the configuration's filters: the protocol, the local and remote
 * addresses and the TLS SNI name. Any part may be null (unknown), and then filters on it do not match.
 */
public record FilterContext(String protocol, InetAddress local, InetAddress remote, String localName) {

    /** No protocol, no addresses: only the top-level settings apply. */
    public static FilterContext none() {
        return new FilterContext(null, null, null, null);
    }

    public static FilterContext protocol(String protocol) {
        return new FilterContext(protocol, null, null, null);
    }

    public FilterContext withLocal(InetAddress address) {
        return new FilterContext(protocol, address, remote, localName);
    }

    public FilterContext withRemote(InetAddress address) {
        return new FilterContext(protocol, local, address, localName);
    }

    public FilterContext withLocalName(String name) {
        return new FilterContext(protocol, local, remote, name);
    }
}
