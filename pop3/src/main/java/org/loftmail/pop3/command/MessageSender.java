package org.loftmail.pop3.command;

import java.io.IOException;
import java.io.InputStream;
import org.loftmail.core.storage.MailStorageException;
import org.loftmail.core.storage.MessageExpungedException;
import org.loftmail.pop3.Pop3Context;
import org.loftmail.pop3.codec.ClientGoneException;
import org.loftmail.pop3.codec.MessageStreamer;
import org.loftmail.pop3.codec.ResponseCode;

/**
 * What RETR and TOP share: open the message before answering (so a failure is still a clean -ERR), send the
 * status line, stream the content, end with ".". Returns the bytes Dovecot's logout line counts, or -1 when the
 * message could not be opened (already answered).
 */
final class MessageSender {

    private MessageSender() {}

    static long send(Pop3Context ctx, int msg, String okText, long bodyLines) throws IOException {
        InputStream in;
        try {
            in = ctx.maildrop().openStored(msg);
        } catch (MessageExpungedException e) {
            ctx.writer().err("Message " + msg + " expunged.");
            return -1;
        } catch (MailStorageException e) {
            ctx.log().error("RETR/TOP of message " + msg + " failed: " + e.getMessage());
            ctx.writer().err(ResponseCode.SYS_TEMP, "Internal error occurred. Refer to server log for more information.");
            return -1;
        }
        try (InputStream message = in) {
            long bytes = ctx.writer().ok(okText);
            // The streamer sends bare LF as CRLF, so the bytes sent are the CRLF size announced (plus stuffing).
            bytes += ctx.streamer().stream(message, bodyLines, ctx.maildrop().size(msg), ctx.writer());
            ctx.writer().endMultiline();
            return bytes;
        } catch (ClientGoneException e) {
            throw e;
        } catch (IOException e) {
            // The status line is out: the response cannot be turned into an error any more.
            ctx.log().error("Reading message " + msg + " failed mid-response: " + e.getMessage());
            ctx.writer().connection().close();
            throw e;
        }
    }

    static long wholeMessage() {
        return MessageStreamer.WHOLE_MESSAGE;
    }
}
