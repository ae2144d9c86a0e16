package org.loftmail.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever asking DNS, and prints them the way Dovecot does. */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Parses an IPv4 or IPv6 literal. Anything else (host names included) is refused, so a
     * request field can never trigger a DNS lookup.
     */
    public static InetAddress parseLiteral(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v6 = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
        }
        if (!v6) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    throw new IllegalArgumentException("not an IP address: " + text);
                }
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    /** Returns the literal, or null when the text is not one. */
    public static InetAddress tryParseLiteral(String text) {
        try {
            return parseLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String toText(InetAddress address) {
        String s = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int pct = s.indexOf('%');
            if (pct >= 0) {
                s = s.substring(0, pct);
            }
        }
        return s;
    }
}
