package org.loftmail.auth.nativeos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The few libc calls the system-user drivers need, through JNA. Not thread-safe: see {@link SystemAccounts}. */
interface NativeAccountCalls extends Library {
    NativeAccountCalls INSTANCE = Native.load("c", NativeAccountCalls.class);

    /** struct passwd */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    final class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;

        public Passwd(Pointer p) {
            super(p);
            read();
        }
    }

    /** struct group (members not needed) */
    @Structure.FieldOrder({"gr_name", "gr_passwd", "gr_gid", "gr_mem"})
    final class Group extends Structure {
        public String gr_name;
        public String gr_passwd;
        public int gr_gid;
        public Pointer gr_mem;

        public Group(Pointer p) {
            super(p);
            read();
        }
    }

    /** struct spwd */
    @Structure.FieldOrder({"sp_namp", "sp_pwdp", "sp_lstchg", "sp_min", "sp_max", "sp_warn", "sp_inact", "sp_expire", "sp_flag"})
    final class Spwd extends Structure {
        public String sp_namp;
        public String sp_pwdp;
        public long sp_lstchg;
        public long sp_min;
        public long sp_max;
        public long sp_warn;
        public long sp_inact;
        public long sp_expire;
        public long sp_flag;

        public Spwd(Pointer p) {
            super(p);
            read();
        }
    }

    Pointer getpwnam(String name);

    Pointer getpwuid(int uid);

    Pointer getgrnam(String name);

    Pointer getspnam(String name);

    void setpwent();

    Pointer getpwent();

    void endpwent();

    int geteuid();
}
