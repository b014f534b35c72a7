package org.yimeng.donation.ledger;

/** The three kinds of ledger entry (api.md). */
public enum EntryType {
    DONATION, DISBURSEMENT, REVERSAL
}
