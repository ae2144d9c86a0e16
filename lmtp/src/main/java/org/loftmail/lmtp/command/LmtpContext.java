package org.loftmail.lmtp.command;

import org.loftmail.core.delivery.DeliveryRecipient;
import org.loftmail.lmtp.LmtpSettings;
import org.loftmail.lmtp.delivery.MailDelivery;
import org.loftmail.smtp.server.ServerContext;

/** What LMTP's own commands (LHLO, RCPT) need besides the shared SMTP transaction: the settings and the delivery. */
public interface LmtpContext extends ServerContext<DeliveryRecipient> {

    LmtpSettings settings();

    MailDelivery delivery();
}
