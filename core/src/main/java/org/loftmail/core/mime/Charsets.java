package org.loftmail.core.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up the charsets mail names, leniently; null when Java does not know one. */
final class Charsets {
    private static final ConcurrentHashMap<String, Charset> CACHE = new ConcurrentHashMap<>();
    private static final Charset UNKNOWN = StandardCharsets.ISO_8859_1; // marker, never returned

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
        Charset c = CACHE.computeIfAbsent(key, Charsets::find);
        return c == UNKNOWN && !key.equals("iso-8859-1") && !key.equals("latin1") ? null : c;
    }

    private static Charset find(String key) {
        String k = switch (key) {
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> "utf-8"; // 8-bit in "ascii" mail is usually UTF-8
            case "utf8" -> "utf-8";
            case "ks_c_5601-1987" -> "x-windows-949";
            case "gb2312", "gbk" -> "gb18030";
            default -> key;
        };
        try {
            return Charset.forName(k);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
