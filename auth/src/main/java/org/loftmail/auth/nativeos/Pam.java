package org.loftmail.auth.nativeos;


import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One PAM transaction: pam_start, pam_authenticate with a conversation that answers the
 * password prompt, pam_acct_mgmt, optionally pam_setcred and pam_open_session/close_session,
 * pam_end. Reentrant: every call has its own handle.
 */
public final class Pam {
    private Pam() {}

    /** How a PAM check ended. */
    public enum Status { OK, USER_UNKNOWN, MISMATCH, EXPIRED, DENIED, INTERNAL }

    /**
     * @param messages  PAM_ERROR_MSG / PAM_TEXT_INFO texts the modules sent (for failure_show_msg)
     * @param detail    pam_strerror text of the failing step, for logs
     */
    public record Result(Status status, String step, String detail, List<String> messages) {}

    /** Runs a PAM login check. Blocks for as long as the modules take. */
    public static Result authenticate(String service, String user, String password, String remoteIp, boolean session,
                                      boolean setcred) {
        List<String> messages = new ArrayList<>();
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        LibPam.ConvFunction conv = (numMsg, msg, resp, appdata) -> {
            if (numMsg <= 0 || numMsg > 32) {
                return LibPam.PAM_CONV_ERR;
            }
            // struct pam_response { char *resp; int resp_retcode; } (16 bytes with padding on LP64)
            Pointer replies = LibcAlloc.INSTANCE.calloc(numMsg, Native.POINTER_SIZE + 8);
            if (replies == null) {
                return LibPam.PAM_BUF_ERR;
            }
            for (int i = 0; i < numMsg; i++) {
                Pointer m = msg.getPointer((long) i * Native.POINTER_SIZE);
                int style = m.getInt(0);
                Pointer text = m.getPointer(Native.POINTER_SIZE);
                Pointer answer = null;
                switch (style) {
                    case LibPam.PAM_PROMPT_ECHO_OFF -> answer = cString(pw);
                    case LibPam.PAM_PROMPT_ECHO_ON -> answer = cString(name);
                    case LibPam.PAM_ERROR_MSG, LibPam.PAM_TEXT_INFO -> {
                        if (text != null) {
                            messages.add(text.getString(0, "UTF-8"));
                        }
                    }
                    default -> {
                        // unknown message style: answer nothing
                    }
                }
                replies.setPointer((long) i * (Native.POINTER_SIZE + 8), answer);
            }
            resp.setPointer(0, replies);
            return LibPam.PAM_SUCCESS;
        };
        LibPam.PamConv pamConv = new LibPam.PamConv(conv);
        PointerByReference ref = new PointerByReference();
        int rc = LibPam.INSTANCE.pam_start(service, user, pamConv, ref);
        if (rc != LibPam.PAM_SUCCESS) {
            return new Result(Status.INTERNAL, "pam_start", "pam_start() failed: " + rc, messages);
        }
        Pointer h = ref.getValue();
        int last = rc;
        try {
            if (remoteIp != null && !remoteIp.isEmpty()) {
                LibPam.INSTANCE.pam_set_item(h, LibPam.PAM_RHOST, remoteIp);
            }
            LibPam.INSTANCE.pam_set_item(h, LibPam.PAM_TTY, "dovecot");
            last = LibPam.INSTANCE.pam_authenticate(h, 0);
            if (last != LibPam.PAM_SUCCESS) {
                return new Result(status(last), "pam_authenticate", LibPam.INSTANCE.pam_strerror(h, last), messages);
            }
            last = LibPam.INSTANCE.pam_acct_mgmt(h, 0);
            if (last != LibPam.PAM_SUCCESS) {
                Status s = last == LibPam.PAM_AUTH_ERR ? Status.DENIED : status(last);
                return new Result(s, "pam_acct_mgmt", LibPam.INSTANCE.pam_strerror(h, last), messages);
            }
            if (setcred) {
                last = LibPam.INSTANCE.pam_setcred(h, LibPam.PAM_ESTABLISH_CRED);
                if (last != LibPam.PAM_SUCCESS) {
                    return new Result(Status.INTERNAL, "pam_setcred", LibPam.INSTANCE.pam_strerror(h, last), messages);
                }
            }
            if (session) {
                last = LibPam.INSTANCE.pam_open_session(h, 0);
                if (last != LibPam.PAM_SUCCESS) {
                    return new Result(Status.INTERNAL, "pam_open_session", LibPam.INSTANCE.pam_strerror(h, last), messages);
                }
                last = LibPam.INSTANCE.pam_close_session(h, 0);
                if (last != LibPam.PAM_SUCCESS) {
                    return new Result(Status.INTERNAL, "pam_close_session", LibPam.INSTANCE.pam_strerror(h, last), messages);
                }
            }
            return new Result(Status.OK, "", "", messages);
        } finally {
            if (setcred && last == LibPam.PAM_SUCCESS) {
                LibPam.INSTANCE.pam_setcred(h, LibPam.PAM_DELETE_CRED);
            }
            LibPam.INSTANCE.pam_end(h, last);
            java.util.Arrays.fill(pw, (byte) 0);
            // keep the callback reachable until PAM is done with it
            java.lang.ref.Reference.reachabilityFence(pamConv);
            java.lang.ref.Reference.reachabilityFence(conv);
        }
    }

    private static Status status(int rc) {
        return switch (rc) {
            case LibPam.PAM_USER_UNKNOWN -> Status.USER_UNKNOWN;
            case LibPam.PAM_NEW_AUTHTOK_REQD, LibPam.PAM_ACCT_EXPIRED -> Status.EXPIRED;
            case LibPam.PAM_AUTHINFO_UNAVAIL, LibPam.PAM_SYSTEM_ERR, LibPam.PAM_BUF_ERR, LibPam.PAM_ABORT,
                 LibPam.PAM_SERVICE_ERR, LibPam.PAM_CONV_ERR -> Status.INTERNAL;
            case LibPam.PAM_PERM_DENIED -> Status.DENIED;
            default -> Status.MISMATCH;
        };
    }

    /** A malloc'ed NUL-terminated copy (PAM frees replies with free()). */
    private static Pointer cString(byte[] bytes) {
        Pointer p = LibcAlloc.INSTANCE.calloc(bytes.length + 1, 1);
        if (p != null) {
            p.write(0, bytes, 0, bytes.length);
        }
        return p;
    }

    /** libc's allocator, for memory PAM will free(). */
    interface LibcAlloc extends com.sun.jna.Library {
        LibcAlloc INSTANCE = Native.load("c", LibcAlloc.class);

        Pointer calloc(long count, long size);
    }

}
