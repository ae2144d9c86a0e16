package org.loftmail.admin.server;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;
import org.loftmail.core.config.IpNet;
import org.loftmail.core.text.WildcardMatcher;

/** doveadm who/kick's selection: a user mask ({@code *}, {@code ?}) and/or an IP or network ({@code 10.0.0.0/8}). */
final class SessionFilter {

    private SessionFilter() {}

    /** Arguments that contain {@code /} or parse as an IP address are networks; the rest are user masks. */
    static Predicate<ServerControl.Session> of(List<String> args) {
        Predicate<ServerControl.Session> p = s -> true;
        for (String a : args) {
            if (looksLikeNetwork(a)) {
                IpNet net = IpNet.parse(a.contains("/") ? a : a + (a.contains(":") ? "/128" : "/32"));
                p = p.and(s -> inNet(net, s.remoteIp()));
            } else {
                WildcardMatcher mask = WildcardMatcher.glob(a);
                p = p.and(s -> s.user() != null && mask.matches(s.user()));
            }
        }
        return p;
    }

    private static boolean looksLikeNetwork(String a) {
        return a.contains("/") || a.matches("[0-9.]+") && a.chars().filter(c -> c == '.').count() == 3
                || a.contains(":") && a.matches("[0-9a-fA-F:.]+");
    }

    private static boolean inNet(IpNet net, String ip) {
        try {
            InetAddress address = IpNet.literal(ip, "session address");
            return net.contains(address);
        } catch (RuntimeException e) {
            return false; // "local" (a unix socket)
        }
    }
}
