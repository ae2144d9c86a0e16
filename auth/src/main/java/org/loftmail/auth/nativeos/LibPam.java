package org.loftmail.auth.nativeos;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/** libpam.so.0 through JNA: just what an authenticating application needs. */
interface LibPam extends Library {
    LibPam INSTANCE = Native.load("pam", LibPam.class);

    int PAM_SUCCESS = 0;
    int PAM_SERVICE_ERR = 3;
    int PAM_SYSTEM_ERR = 4;
    int PAM_BUF_ERR = 5;
    int PAM_PERM_DENIED = 6;
    int PAM_AUTH_ERR = 7;
    int PAM_AUTHINFO_UNAVAIL = 9;
    int PAM_USER_UNKNOWN = 10;
    int PAM_NEW_AUTHTOK_REQD = 12;
    int PAM_ACCT_EXPIRED = 13;
    int PAM_CONV_ERR = 19;
    int PAM_ABORT = 26;

    int PAM_TTY = 3;
    int PAM_RHOST = 4;

    int PAM_ESTABLISH_CRED = 0x0002;
    int PAM_DELETE_CRED = 0x0004;

    int PAM_PROMPT_ECHO_OFF = 1;
    int PAM_PROMPT_ECHO_ON = 2;
    int PAM_ERROR_MSG = 3;
    int PAM_TEXT_INFO = 4;

    /** int (*conv)(int num_msg, const struct pam_message **msg, struct pam_response **resp, void *appdata_ptr) */
    interface ConvFunction extends Callback {
        int callback(int numMsg, Pointer msg, Pointer resp, Pointer appdata);
    }

    /** struct pam_conv */
    @Structure.FieldOrder({"conv", "appdata_ptr"})
    final class PamConv extends Structure {
        public ConvFunction conv;
        public Pointer appdata_ptr;

        public PamConv(ConvFunction conv) {
            this.conv = conv;
            write();
        }
    }

    int pam_start(String service, String user, PamConv conv, PointerByReference pamh);

    int pam_set_item(Pointer pamh, int itemType, String item);

    int pam_authenticate(Pointer pamh, int flags);

    int pam_acct_mgmt(Pointer pamh, int flags);

    int pam_setcred(Pointer pamh, int flags);

    int pam_open_session(Pointer pamh, int flags);

    int pam_close_session(Pointer pamh, int flags);

    int pam_end(Pointer pamh, int status);

    String pam_strerror(Pointer pamh, int errnum);
}
