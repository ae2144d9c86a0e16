package org.loftmail.submission.command;

import org.loftmail.smtp.codec.SmtpReply;
import org.loftmail.smtp.codec.SyntaxException;
import org.loftmail.submission.SubmissionSettings;
import org.loftmail.submission.SubmissionSettings.Workaround;

/**
 * {@code submission_client_workarounds} for the path of MAIL and RCPT: RFC 5321 wants {@code FROM:<path>} with
 * nothing between the colon and the bracket; {@code whitespace-before-path} lets spaces through and
 * {@code mailbox-for-path} takes a bare mailbox without brackets. Without them such commands are refused.
 */
final class PathWorkarounds {

    private PathWorkarounds() {}

    /** The arguments in the strict form the shared parser reads. */
    static String apply(String arguments, String prefix, SubmissionSettings settings) throws SyntaxException {
        if (arguments.length() < prefix.length()
                || !arguments.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
            return arguments; // the shared parser gives the syntax error
        }
        String rest = arguments.substring(prefix.length());
        String path = rest.stripLeading();
        if (path.length() != rest.length() && !settings.has(Workaround.WHITESPACE_BEFORE_PATH)) {
            throw new SyntaxException(SmtpReply.of(501, "5.5.4", "Invalid " + prefix.substring(0, prefix.length() - 1)
                    + " parameter: whitespace before path"));
        }
        if (!path.startsWith("<") && settings.has(Workaround.MAILBOX_FOR_PATH) && !path.isEmpty()) {
            int end = path.indexOf(' ');
            String mailbox = end < 0 ? path : path.substring(0, end);
            path = "<" + mailbox + ">" + (end < 0 ? "" : path.substring(end));
        }
        return prefix + path;
    }
}
