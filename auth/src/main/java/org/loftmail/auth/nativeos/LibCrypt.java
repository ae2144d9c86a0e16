package org.loftmail.auth.nativeos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** libcrypt's crypt(3) (libxcrypt on Debian: DES, MD5, SHA-256/512, bcrypt, yescrypt). */
interface LibCrypt extends Library {
    LibCrypt INSTANCE = Native.load("crypt", LibCrypt.class);

    Pointer crypt(String key, String setting);
}
