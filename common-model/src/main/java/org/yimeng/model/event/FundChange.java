package org.yimeng.model.event;

import java.util.UUID;

/**
 * An event that states a community fund's balance as of a ledger {@code sequence} (events.md): a consumer keeps the
 * balance of the highest sequence it has seen, so an older event delivered late never overwrites a newer balance.
 */
public interface FundChange extends PlatformEvent {
    UUID communityId();

    /** The ledger sequence the balance is as of; 0 from a producer that predates the field. */
    long sequence();

    long balanceAfterFen();
}
