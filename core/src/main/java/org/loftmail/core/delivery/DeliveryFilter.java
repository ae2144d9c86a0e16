package org.loftmail.core.delivery;

import java.util.List;

/**
 * The one place that decides what happens to a recipient's copy of a message (docs/adr/0601-delivery-filter-hook.md).
 * The Sieve engine implements it; with no filter, {@link #KEEP_ALL} delivers to the default mailbox.
 *
 * <p>It runs once per recipient, after the userdb lookup and before anything is saved, on the delivering thread
 * (blocking is fine). It returns every action to execute, with Sieve's implicit keep already resolved: a result
 * without a {@link DeliveryAction.Keep} does not save to the default mailbox. An empty list drops the copy.
 *
 * <p>Failures: throw {@link FilterException} with {@code temporary} when the MTA should retry (script storage
 * unreachable); any other failure (a broken script, a runtime error) makes delivery keep the copy in INBOX, as
 * Pigeonhole does, so a filter bug never loses mail.
 */
@FunctionalInterface
public interface DeliveryFilter {

    List<DeliveryAction> decide(FilterContext context) throws FilterException;

    DeliveryFilter KEEP_ALL = context -> List.of(DeliveryAction.KEEP);
}
