package org.loftmail.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address with a prefix length ({@code 10.0.0.0/8}, {@code ::1}, {@code 192.0.2.7/32}), as
 * used by {@code local}/{@code remote} filters and {@code login_trusted_networks}.
 */
public record IpNet(InetAddress address, int bits) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public IpNet {
        int max = address.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("Invalid prefix length /" + bits + " for " + address.getHostAddress());
        }
    }

    /** Parses {@code ip} or {@code ip/bits}; never resolves host names. */
    public static IpNet parse(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.contains("]")) {
            s = s.substring(1, s.indexOf(']')) + s.substring(s.indexOf(']') + 1);
        }
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = literal(ip, text);
        int max = address.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String b = s.substring(slash + 1);
            if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("Invalid network '" + text + "'");
            }
            bits = Integer.parseInt(b);
        }
        return new IpNet(address, bits);
    }

    /** Parses an IP address literal without any DNS lookup. */
    public static InetAddress literal(String ip, String context) {
        boolean v4 = IPV4.matcher(ip).matches();
        if (!v4 && !IPV6.matcher(ip).matches()) {
            throw new IllegalArgumentException("Invalid IP address '" + context + "' (host names are not supported here)");
        }
        try {
            return InetAddress.getByName(ip); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid IP address '" + context + "'");
        }
    }

    public boolean contains(InetAddress other) {
        if (other == null) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            if (a.length == 4 && b.length == 16 && isV4Mapped(b)) {
                b = java.util.Arrays.copyOfRange(b, 12, 16);
            } else {
                return false;
            }
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + bits;
    }
}
