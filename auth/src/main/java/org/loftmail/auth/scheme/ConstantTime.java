package org.loftmail.auth.scheme;

import java.security.MessageDigest;

/** Comparisons whose time does not depend on where the inputs first differ. */
public final class ConstantTime {
    private ConstantTime() {}

    /** Whether {@code a} and {@code b} hold the same bytes; time depends only on the lengths. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
