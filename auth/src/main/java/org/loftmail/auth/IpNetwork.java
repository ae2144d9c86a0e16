package org.loftmail.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An address range such as {@code 192.168.0.0/16}, {@code ::1} or {@code 10.1.2.3}, as used by
 * login_trusted_networks and the allow_nets passdb field.
 */
public record IpNetwork(InetAddress base, int prefixLength) {

    public IpNetwork {
        Objects.requireNonNull(base, "base");
        int bits = base.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("bad prefix length /" + prefixLength);
        }
    }

    public static IpNetwork parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        InetAddress address = IpAddresses.parseLiteral(slash < 0 ? t : t.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad network: " + text);
            }
        }
        return new IpNetwork(address, prefix);
    }

    /** Parses a list separated by spaces and/or commas; empty text gives an empty list. */
    public static List<IpNetwork> parseList(String text) {
        List<IpNetwork> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[\\s,]+")) {
            if (!part.isEmpty()) {
                out.add(parse(part));
            }
        }
        return List.copyOf(out);
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] b = base.getAddress();
        if (a.length != b.length) {
            a = mapped(a);
            b = mapped(b);
            if (a == null || b == null || a.length != b.length) {
                return false;
            }
        }
        int prefix = prefixLength + (a.length == 16 && base.getAddress().length == 4 ? 96 : 0);
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    public static boolean anyContains(List<IpNetwork> networks, InetAddress address) {
        for (IpNetwork n : networks) {
            if (n.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** IPv4 as an IPv4-mapped IPv6 address, so ::ffff:1.2.3.4 matches 1.2.3.0/24. */
    private static byte[] mapped(byte[] raw) {
        if (raw.length == 16) {
            return raw;
        }
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(raw, 0, out, 12, 4);
        return out;
    }

    @Override
    public String toString() {
        return IpAddresses.toText(base) + "/" + prefixLength;
    }
}
