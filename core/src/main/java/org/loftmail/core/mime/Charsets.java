package org.loftmail.core.mime;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up the charsets mail names, leniently; null when Java does not know one. */
final class Charsets {
    private static final ConcurrentHashMap<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 1024;

    private Charsets() {}

    static Charset lookup(String name) {
        if (name == null) {
            return null;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        int star = key.indexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (star >= 0) {
            key = key.substring(0, star);
        }
        if (key.isEmpty() || key.length() > 64) {
            return null;
        }
        Optional<Charset> cached = CACHE.get(key);
        if (cached == null) {
            cached = find(key);
            if (CACHE.size() < MAX_CACHED) { // names come from mail: do not let them grow the cache without bound
                CACHE.put(key, cached);
            }
        }
        return cached.orElse(null);
    }

    private static Optional<Charset> find(String key) {
        String k = switch (key) {
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> "utf-8"; // 8-bit in "ascii" mail is usually UTF-8
            case "utf8" -> "utf-8";
            case "ks_c_5601-1987" -> "x-windows-949";
            case "gb2312", "gbk" -> "gb18030";
            default -> key;
        };
        try {
            return Optional.of(Charset.forName(k));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
