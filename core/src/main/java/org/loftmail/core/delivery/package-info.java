/**
 * The delivery contract shared by everything that delivers or decides about delivered mail: the message as a filter
 * sees it ({@link org.loftmail.core.delivery.DeliveryMessage}), the envelope and recipient, the filter hook
 * ({@link org.loftmail.core.delivery.DeliveryFilter}, implemented by the Sieve engine), the sealed set of actions
 * it returns, and the outgoing-mail sender ({@link org.loftmail.core.delivery.MailSender}) that redirects,
 * rejections and vacation replies go out through. The executor of the actions (LMTP's and lda's
 * {@code MailDelivery}) lives in the lmtp module; see docs/adr/0603-smtp-module-and-delivery-contract.md.
 */
package org.loftmail.core.delivery;
