package org.loftmail.lmtp.delivery;

import org.loftmail.core.delivery.MailSender;
import org.loftmail.core.delivery.DeliveryMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sendmail_path -i -f <from> -- <to>…} with the message on stdin, as Dovecot does. A non-zero exit or
 * a sendmail that hangs for five minutes is a failure.
 */
public final class SendmailSender implements MailSender {

    private final List<String> command;

    /** {@code sendmailPath} may carry arguments ({@code /usr/sbin/sendmail -oi}), split on spaces. */
    public SendmailSender(String sendmailPath) {
        if (sendmailPath == null || sendmailPath.isBlank()) {
            throw new IllegalArgumentException("sendmail_path is empty");
        }
        this.command = List.of(sendmailPath.trim().split(" +"));
    }

    @Override
    public void send(String from, List<String> recipients, InputStream message) throws IOException {
        List<String> argv = new ArrayList<>(command);
        argv.add("-i");
        argv.add("-f");
        argv.add(from.isEmpty() ? "<>" : from);
        argv.add("--");
        argv.addAll(recipients);
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            message.transferTo(stdin);
        }
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
        if (process.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IOException(command.get(0) + " exited with " + process.exitValue()
                    + (text.isEmpty() ? "" : ": " + DeliveryMessage.logSafe(text)));
        }
    }
}
